package io.threebot.deployer.tfgrid;

import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.internal.secrets.SecretSources;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.keys.InvalidMnemonicException;
import io.threebot.deployer.tfgrid.keys.Mnemonic;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The operator's tfchain key, which signs the operator's extrinsics and RMB envelopes: given as a BIP39 mnemonic (the
 * key is its ed25519 mini-secret key, as the TS and Go grid clients derive it) or as a hex seed of 32 bytes
 * ({@code 0x} and 64 hex digits). Read from an environment variable or from a file only its owner may read and write
 * (mode 600); never logged: {@link #toString()} names the address, not the secret, and no message quotes it.
 */
public final class OperatorKey {
    private static final Pattern HEX_SEED = Pattern.compile("(0[xX])?[0-9a-fA-F]{64}");
    private static final String LABEL = "TFGrid mnemonic";

    /** How the key was given. */
    public enum Source {
        /** A BIP39 mnemonic. */
        MNEMONIC,
        /** A 32-byte seed in hex. */
        HEX_SEED
    }

    private final Ed25519KeyPair keyPair;
    private final Source source;

    private OperatorKey(Ed25519KeyPair keyPair, Source source) {
        this.keyPair = keyPair;
        this.source = source;
    }

    /** The key of a mnemonic (with the empty password, as the grid clients use it). */
    public static OperatorKey of(Mnemonic mnemonic) {
        return new OperatorKey(Ed25519KeyPair.fromMnemonic(Objects.requireNonNull(mnemonic, "mnemonic")),
                Source.MNEMONIC);
    }

    /**
     * The key of a secret given as text: a mnemonic, or a hex seed ({@code 0x} and 64 hex digits, the {@code 0x}
     * optional).
     *
     * @throws InvalidInputException when it is neither (field {@code operator}); the message never quotes it
     */
    public static OperatorKey of(String secret) {
        return parse(secret == null ? new char[0] : secret.toCharArray(), "operator", "The operator's TFGrid key");
    }

    /**
     * The key in the environment variable {@code name} (a mnemonic or a hex seed).
     *
     * @throws InvalidInputException when it is unset, blank or neither a mnemonic nor a hex seed (field: the
     *                               variable's name)
     */
    public static OperatorKey fromEnvironment(Map<String, String> environment, String name) {
        return parse(SecretSources.fromEnvironment(environment, name, LABEL), name,
                "The environment variable " + name);
    }

    /**
     * The key in {@code file} (a mnemonic or a hex seed), which must be a regular file of the user running the
     * deployer that nobody else may read or write (mode 600 or 400).
     *
     * @throws InvalidInputException when the file is missing, someone else's, open to others (the message names its
     *                               mode), too large, or holds neither a mnemonic nor a hex seed (field: the path)
     */
    public static OperatorKey fromFile(Path file) {
        return parse(SecretSources.fromFile(file, LABEL), file.toString(), "The " + LABEL + " file " + file);
    }

    private static OperatorKey parse(char[] secret, String field, String where) {
        String text = new String(secret);
        Arrays.fill(secret, '\0');
        if (text.isBlank()) {
            throw new InvalidInputException(field, where + " holds no mnemonic or hex seed.");
        }
        if (HEX_SEED.matcher(text).matches()) {
            return new OperatorKey(Ed25519KeyPair.fromHexSeed(text), Source.HEX_SEED);
        }
        try {
            return of(Mnemonic.parse(text));
        } catch (InvalidMnemonicException e) {
            // its message says what is wrong (a word's position, the count, the checksum), never a word
            throw new InvalidInputException(field, where + " does not hold a valid BIP39 mnemonic (nor a hex seed"
                    + " of 64 hex digits): " + e.getMessage() + ".");
        }
    }

    /** The key pair, for the v3 clients' signers ({@code TfchainClient}, {@code RmbClient}). */
    public Ed25519KeyPair keyPair() {
        return keyPair;
    }

    /** The operator's SS58 address on tfchain. */
    public String address() {
        return keyPair.address();
    }

    /** Whether the key came from a mnemonic or a hex seed. */
    public Source source() {
        return source;
    }

    /** The address and the kind of secret only. */
    @Override
    public String toString() {
        return "OperatorKey[" + address() + ", from a " + (source == Source.MNEMONIC ? "mnemonic" : "hex seed")
                + ", secret redacted]";
    }
}
