package io.threebot.deployer.crypto;

import java.nio.charset.StandardCharsets;

/**
 * PBKDF2-HMAC-SHA256 over the password, salted with the identity name, so that each guess costs many hash
 * rounds and no two identities share a table of guesses.
 */
final class HardenedKeyDerivation implements KeyDerivation {
    private static final String SALT_PREFIX = "threebot-deployer/identity/";
    private final int iterations;

    HardenedKeyDerivation(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        this.iterations = iterations;
    }

    @Override
    public byte[] seed(String identityName, String password) {
        if (password.isEmpty()) {
            throw new IllegalArgumentException("the password must not be empty");
        }
        byte[] salt = (SALT_PREFIX + identityName).getBytes(StandardCharsets.UTF_8);
        return PasswordHasher.pbkdf2(password, salt, iterations);
    }
}
