package io.threebot.deployer.stellar;

import io.threebot.deployer.errors.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.stellar.sdk.KeyPair;

/**
 * The operator's Stellar secret seed ({@code S...}), which signs refunds and pool payments. Read from an environment
 * variable or from a file only its owner can read and write (mode 600); never logged: {@link #toString()} names
 * the account, not the seed.
 */
public final class OperatorSecret {
    /** The environment variable {@link #fromEnvironment(Map)} reads. */
    public static final String ENVIRONMENT_VARIABLE = "THREEBOT_STELLAR_SECRET";
    private static final int MAX_FILE_BYTES = 1024;
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

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
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(name, "The environment variable " + name
                    + " does not hold the operator's Stellar secret seed.");
        }
        return parse(value.trim().toCharArray(), name);
    }

    /**
     * The seed in {@code file}, which must be a regular file that only its owner may read or write (mode 600 or
     * 400): a seed others can read is refused.
     *
     * @throws InvalidInputException when the file is missing, readable by others, too large or holds no seed
     */
    public static OperatorSecret fromFile(Path file) {
        String field = file.toString();
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException(field, "The Stellar secret file " + file
                        + " is not a regular file.");
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (!OWNER_ONLY.containsAll(mode)) {
                throw new InvalidInputException(field, "The Stellar secret file " + file
                        + " may be read or written by others than its owner; make it mode 600 (chmod 600).");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new InvalidInputException(field, "The Stellar secret file " + file
                        + " is too large to hold a seed.");
            }
            byte[] bytes = Files.readAllBytes(file);
            char[] chars = new String(bytes, StandardCharsets.US_ASCII).trim().toCharArray();
            Arrays.fill(bytes, (byte) 0);
            return parse(chars, field);
        } catch (UnsupportedOperationException e) {
            throw new InvalidInputException(field, "The file system of " + file
                    + " cannot tell who may read it; keep the Stellar secret on a POSIX file system.");
        } catch (IOException e) {
            throw new InvalidInputException(field, "The Stellar secret file " + file + " cannot be read: "
                    + e.getClass().getSimpleName());
        }
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
