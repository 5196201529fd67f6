package io.threebot.deployer.model;

import java.util.Objects;

/** A salted slow hash of a recovery password. Only the hash is kept, never the password. */
public record PasswordHash(String algorithm, int iterations, String saltBase64, String hashBase64) {
    public PasswordHash {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(saltBase64, "saltBase64");
        Objects.requireNonNull(hashBase64, "hashBase64");
        if (iterations <= 0) {
            throw new IllegalArgumentException("iterations must be positive");
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[" + algorithm + ", " + iterations + " iterations]";
    }
}
