package io.threebot.deployer.chat;

import io.threebot.deployer.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
        try {
            if (!Files.exists(keyFile)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Files.createDirectories(keyFile.toAbsolutePath().getParent());
                try {
                    Files.write(keyFile, Base64.getEncoder().encode(fresh), java.nio.file.StandardOpenOption.CREATE_NEW);
                    restrict(keyFile);
                } catch (FileAlreadyExistsException raced) {
                    // another instance created it first; read theirs
                }
            }
            byte[] key = Base64.getDecoder().decode(Files.readAllBytes(keyFile));
            if (key.length != 32) {
                throw new StoreException("the secret key file " + keyFile + " does not hold a 256-bit key");
            }
            return new AesGcmSecretSealer(key);
        } catch (IOException e) {
            throw new StoreException("cannot read or create the secret key file " + keyFile, e);
        }
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

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; rely on the directory's permissions
        }
    }
}
