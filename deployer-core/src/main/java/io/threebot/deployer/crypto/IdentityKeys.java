package io.threebot.deployer.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The ed25519 key pair of a grid identity, made from a 32-byte seed. The seed never shows in {@link #toString()}.
 */
public final class IdentityKeys {
    private final byte[] seed;
    private final Ed25519PrivateKeyParameters privateKey;

    private IdentityKeys(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an ed25519 seed has 32 bytes, not " + seed.length);
        }
        this.seed = seed.clone();
        this.privateKey = new Ed25519PrivateKeyParameters(this.seed, 0);
    }

    public static IdentityKeys fromSeed(byte[] seed) {
        return new IdentityKeys(seed);
    }

    /** A new identity from a random seed. */
    public static IdentityKeys generate(Random random) {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return new IdentityKeys(seed);
    }

    /** A copy of the seed, for adapters that derive further keys (curve25519) from it. */
    public byte[] seed() {
        return seed.clone();
    }

    public byte[] publicKey() {
        return privateKey.generatePublicKey().getEncoded();
    }

    /** The public key as lower-case hex, the form the grid's phonebook stores. */
    public String publicKeyHex() {
        return HexFormat.of().formatHex(publicKey());
    }

    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdentityKeys other && Arrays.equals(seed, other.seed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey());
    }

    @Override
    public String toString() {
        return "IdentityKeys[public=" + publicKeyHex() + "]";
    }
}
