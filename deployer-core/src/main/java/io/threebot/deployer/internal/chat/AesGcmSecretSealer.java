package io.threebot.deployer.internal.chat;

import io.threebot.deployer.files.KeyFiles;
import io.threebot.deployer.spi.SecretSealer;
import io.threebot.deployer.spi.StoreException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets with AES-256-GCM. The key lives in a file only its owner can read, next to the state it protects,
 * so a restarted deployer can still open the sessions it stored; without a file the key lives in memory only.
 */
public final class AesGcmSecretSealer implements SecretSealer {
    private static final int NONCE_BYTES = 12;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private AesGcmSecretSealer(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A sealer whose key is read from (or created in) the file. */
    public static AesGcmSecretSealer withKeyFile(Path keyFile) {
        return new AesGcmSecretSealer(KeyFiles.readOrCreate(keyFile, 32));
    }

    /** A sealer whose key is lost when the process ends. */
    public static AesGcmSecretSealer ephemeral() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        return new AesGcmSecretSealer(fresh);
    }

    @Override
    public String seal(String secret) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    @Override
    public String unseal(String sealed) {
        try {
            byte[] raw = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, raw, 0, NONCE_BYTES));
            return new String(cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new StoreException("a stored secret could not be opened; was the key file replaced?");
        }
    }
}
