package io.threebot.deployer.stellar;

import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.internal.secrets.SecretSources;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.stellar.sdk.KeyPair;

/**
 * The operator's Stellar secret seed ({@code S...}), which signs refunds and pool payments. Read from an environment
 * variable or from a file only its owner can read and write (mode 600); never logged: {@link #toString()} names
 * the account, not the seed.
 */
public final class OperatorSecret {
    /** The environment variable {@link #fromEnvironment(Map)} reads. */
    public static final String ENVIRONMENT_VARIABLE = "THREEBOT_STELLAR_SECRET";
    private static final String LABEL = "Stellar secret";

    private final KeyPair keyPair;

    private OperatorSecret(KeyPair keyPair) {
        this.keyPair = keyPair;
    }

    /** The seed given as text (for tests and hosts that keep it elsewhere). */
    public static OperatorSecret of(String seed) {
        return parse(seed == null ? new char[0] : seed.toCharArray(), "the Stellar secret");
    }

    /**
     * The seed in {@value #ENVIRONMENT_VARIABLE}.
     *
     * @throws InvalidInputException when it is missing or not a Stellar secret seed
     */
    public static OperatorSecret fromEnvironment(Map<String, String> environment) {
        return fromEnvironment(environment, ENVIRONMENT_VARIABLE);
    }

    /**
     * The seed in the environment variable {@code name}.
     *
     * @throws InvalidInputException when it is missing or not a Stellar secret seed (field: the variable's name)
     */
    public static OperatorSecret fromEnvironment(Map<String, String> environment, String name) {
        return parse(SecretSources.fromEnvironment(environment, name, LABEL + " seed"), name);
    }

    /**
     * The seed in {@code file}, which must be a regular file of the user running the deployer that nobody else may
     * read or write (mode 600 or 400): a seed others can read is refused.
     *
     * @throws InvalidInputException when the file is missing, someone else's, open to others, too large or holds
     *                               no seed (field: the file's path)
     */
    public static OperatorSecret fromFile(Path file) {
        return parse(SecretSources.fromFile(file, LABEL), file.toString());
    }

    private static OperatorSecret parse(char[] seed, String field) {
        try {
            return new OperatorSecret(KeyPair.fromSecretSeed(seed));
        } catch (RuntimeException e) {
            // the SDK's message may quote the input: never pass it on
            throw new InvalidInputException(field, "This is not a Stellar secret seed (S..., 56 characters).");
        } finally {
            Arrays.fill(seed, '\0');
        }
    }

    /** The operator's account ({@code G...}), where users pay. */
    public String accountId() {
        return keyPair.getAccountId();
    }

    KeyPair keyPair() {
        return keyPair;
    }

    /** Names the account only. */
    @Override
    public String toString() {
        return "OperatorSecret[" + accountId() + ", seed redacted]";
    }
}
