package io.threebot.deployer.tfgrid.keys;

import io.threebot.deployer.errors.InvalidInputException;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An ed25519 key pair of a tfchain account: from a 32-byte seed, a hex seed, or a mnemonic (whose
 * {@linkplain Mnemonic#miniSecret mini-secret} is the seed, as {@code @polkadot/util-crypto}'s
 * {@code ed25519PairFromSeed(mnemonicToMiniSecret(...))} and the keyring's {@code ed25519} type do). Signatures are
 * RFC 8032 ed25519, deterministic. {@link #toString()} shows the address only, never the seed.
 */
public final class Ed25519KeyPair {
    private final byte[] seed;
    private final Ed25519PrivateKeyParameters privateKey;
    private final byte[] publicKey;

    private Ed25519KeyPair(byte[] seed) {
        this.seed = seed;
        this.privateKey = new Ed25519PrivateKeyParameters(seed, 0);
        this.publicKey = privateKey.generatePublicKey().getEncoded();
    }

    /**
     * The pair of a 32-byte seed.
     *
     * @throws InvalidInputException for another length
     */
    public static Ed25519KeyPair fromSeed(byte[] seed) {
        Objects.requireNonNull(seed, "seed");
        if (seed.length != 32) {
            throw new InvalidInputException("seed", "an ed25519 seed has 32 bytes, not " + seed.length);
        }
        return new Ed25519KeyPair(seed.clone());
    }

    /**
     * The pair of a seed written as 64 hex digits, with or without {@code 0x} (the form the keyring takes for a
     * "raw seed" secret URI).
     *
     * @throws InvalidInputException when the text is not 32 bytes of hex
     */
    public static Ed25519KeyPair fromHexSeed(String hex) {
        Objects.requireNonNull(hex, "hex");
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (digits.length() != 64) {
            throw new InvalidInputException("seed", "a hex seed has 64 hex digits");
        }
        try {
            return new Ed25519KeyPair(HexFormat.of().parseHex(digits));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("seed", "a hex seed has only hex digits");
        }
    }

    /** The pair of a mnemonic with the empty password. */
    public static Ed25519KeyPair fromMnemonic(Mnemonic mnemonic) {
        return fromMnemonic(mnemonic, "");
    }

    /** The pair of a mnemonic and a password: its mini-secret is the seed. */
    public static Ed25519KeyPair fromMnemonic(Mnemonic mnemonic, String password) {
        return new Ed25519KeyPair(mnemonic.miniSecret(password));
    }

    /**
     * The pair of a mnemonic phrase with the empty password.
     *
     * @throws InvalidMnemonicException when the phrase is not a valid mnemonic
     */
    public static Ed25519KeyPair fromPhrase(String phrase) {
        return fromMnemonic(Mnemonic.parse(phrase));
    }

    /** The 32-byte public key (the account id on tfchain); a copy. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The SS58 address under tfchain's prefix {@value Ss58#SUBSTRATE}. */
    public String address() {
        return Ss58.encode(publicKey);
    }

    /** The SS58 address under another network prefix. */
    public String address(int prefix) {
        return Ss58.encode(publicKey, prefix);
    }

    /** The seed as {@code 0x} and 64 hex digits: a secret, for the caller's own safe keeping. */
    public String toHexSeed() {
        return "0x" + HexFormat.of().formatHex(seed);
    }

    /** The 64-byte ed25519 signature of a message. */
    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** Whether a 64-byte signature is a valid ed25519 signature of the message by the 32-byte public key. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || publicKey.length != 32 || signature == null || signature.length != 64) {
            return false;
        }
        try {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The address only. */
    @Override
    public String toString() {
        return "Ed25519KeyPair[" + address() + "]";
    }
}
