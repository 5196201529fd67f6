package io.threebot.deployer.internal.crypto;

import io.threebot.deployer.crypto.Pbkdf2;
import io.threebot.deployer.model.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Random;

/** Hashes recovery passwords with PBKDF2-HMAC-SHA256 and a random salt, and checks them in constant time. */
public final class PasswordHasher {
    /** The iteration count used when none is configured (OWASP 2023 guidance for PBKDF2-HMAC-SHA256). */
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final String ALGORITHM = Pbkdf2.ALGORITHM;

    private final int iterations;
    private final Random random;

    public PasswordHasher(int iterations, Random random) {
        if (iterations <= 0) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        this.iterations = iterations;
        this.random = random;
    }

    public PasswordHash hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] hash = Pbkdf2.sha256(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder();
        return new PasswordHash(ALGORITHM, iterations, b64.encodeToString(salt), b64.encodeToString(hash));
    }

    /** True when the password matches; the comparison takes the same time wherever the bytes differ. */
    public boolean matches(String password, PasswordHash stored) {
        if (!ALGORITHM.equals(stored.algorithm())) {
            return false;
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(stored.hashBase64());
        byte[] actual = Pbkdf2.sha256(password, b64.decode(stored.saltBase64()), stored.iterations());
        return MessageDigest.isEqual(expected, actual);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
