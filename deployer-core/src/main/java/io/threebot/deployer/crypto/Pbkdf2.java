package io.threebot.deployer.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** PBKDF2-HMAC-SHA256 with a 256-bit output, as the password hashes and the hardened key derivation use it. */
public final class Pbkdf2 {
    /** The JDK's name of the algorithm. */
    public static final String ALGORITHM = "PBKDF2WithHmacSHA256";

    private Pbkdf2() {
    }

    /** The 32-byte key of {@code password} with {@code salt} after {@code iterations} rounds. */
    public static byte[] sha256(String password, byte[] salt, int iterations) {
        char[] chars = password.toCharArray();
        try {
            PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, 256);
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JDK", e);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }
}
