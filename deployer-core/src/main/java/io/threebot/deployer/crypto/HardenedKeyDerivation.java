package io.threebot.deployer.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * PBKDF2-HMAC-SHA256 over the password, salted with the identity name, gives 24 bytes, written as 32 URL-safe base64
 * characters: the container's secret. Each guess costs many hash rounds and no two identities share a table of
 * guesses; the password itself never reaches the container.
 */
final class HardenedKeyDerivation implements KeyDerivation {
    private static final String SALT_PREFIX = "threebot-deployer/identity/";
    private static final int SECRET_BYTES = 24;
    private final int iterations;

    HardenedKeyDerivation(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        this.iterations = iterations;
    }

    @Override
    public String containerSecret(String identityName, String password) {
        if (password.isEmpty()) {
            throw new IllegalArgumentException("the password must not be empty");
        }
        byte[] salt = (SALT_PREFIX + identityName).getBytes(StandardCharsets.UTF_8);
        byte[] derived = Arrays.copyOf(Pbkdf2.sha256(password, salt, iterations), SECRET_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(derived);
    }
}
