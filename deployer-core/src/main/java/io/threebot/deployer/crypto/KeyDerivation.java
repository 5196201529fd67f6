package io.threebot.deployer.crypto;

/**
 * Turns a 3Bot's recovery password into the seed of its grid identity. The same password and identity name must
 * always give the same seed, since the password is how the owner proves the identity is theirs later.
 */
public interface KeyDerivation {

    /**
     * @param identityName the grid identity, {@code <owner>_<name>}
     * @param password     the recovery password
     * @return a 32-byte ed25519 seed
     * @throws IllegalArgumentException when the password cannot be used with this derivation
     */
    byte[] seed(String identityName, String password);

    /** The derivation of the original deployer, kept for compatibility with 3Bots it created. */
    static KeyDerivation legacy() {
        return new LegacyKeyDerivation();
    }

    /** A salted, slow derivation; the default for new 3Bots. */
    static KeyDerivation hardened(int iterations) {
        return new HardenedKeyDerivation(iterations);
    }
}
