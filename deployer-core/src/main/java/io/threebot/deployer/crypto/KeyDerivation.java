package io.threebot.deployer.crypto;

/**
 * Turns a 3Bot's recovery password into the secret its container is given and the seed of its grid identity. The
 * stock 3Bot container derives its identity key from the secret it is given as {@code secret.zfill(32)} (see
 * {@link #legacySeed}) and checks that it is the registered one, so the seed is always that function of the
 * container secret; derivations differ only in what the container secret is. The same password and identity name
 * always give the same secret, since the password is how the owner proves the identity is theirs later.
 */
public interface KeyDerivation {

    /**
     * The secret the 3Bot's container is given (its {@code BACKUP_PASSWORD}): at most 32 bytes.
     *
     * @param identityName the grid identity, {@code <owner>_<name>}
     * @param password     the recovery password
     * @throws IllegalArgumentException when the password cannot be used with this derivation
     */
    String containerSecret(String identityName, String password);

    /** The 32-byte ed25519 seed of the identity: what the container derives from {@link #containerSecret}. */
    default byte[] seed(String identityName, String password) {
        return legacySeed(containerSecret(identityName, password));
    }

    /**
     * The original deployer's derivation: the recovery password itself goes to the container, so anyone who knows
     * the identity's public key can test passwords offline. Only for 3Bots the original deployer created.
     */
    static KeyDerivation legacy() {
        return new LegacyKeyDerivation();
    }

    /**
     * The default for new 3Bots: the container gets a 32-character secret derived from the password with salted
     * PBKDF2, so the password never leaves the deployer and every guess against the public key costs
     * {@code iterations} hash rounds.
     */
    static KeyDerivation hardened(int iterations) {
        return new HardenedKeyDerivation(iterations);
    }

    /**
     * What the stock container does with its secret: the UTF-8 bytes left-padded with ASCII '0' to 32 bytes (a
     * leading '+' or '-' stays in front, as Python's {@code bytes.zfill} does) are the seed itself.
     *
     * @throws IllegalArgumentException when the secret is empty or longer than 32 bytes
     */
    static byte[] legacySeed(String secret) {
        return LegacyKeyDerivation.zfill(secret);
    }
}
