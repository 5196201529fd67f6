package io.threebot.deployer.internal.secrets;

import io.threebot.deployer.errors.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads an operator's secret as text from an environment variable or from a file, refusing a missing one and a file
 * that anyone but the user running the deployer could read or change. Messages name the variable or the file, and
 * the file's mode, never the secret. The text comes back as a {@code char[]} the caller wipes once it is parsed.
 */
public final class SecretSources {
    /** The largest secret file read: a seed or a 24-word mnemonic is far smaller. */
    static final int MAX_FILE_BYTES = 1024;
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private SecretSources() {
    }

    /**
     * The trimmed text of the environment variable {@code name}.
     *
     * @param label what the secret is, for messages (e.g. {@code "Stellar secret seed"})
     * @throws InvalidInputException when it is unset or blank (field: the variable's name)
     */
    public static char[] fromEnvironment(Map<String, String> environment, String name, String label) {
        String value = Objects.requireNonNull(environment, "environment").get(name);
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(name, "The environment variable " + name + " does not hold the operator's "
                    + label + ".");
        }
        return value.strip().toCharArray();
    }

    /**
     * The trimmed UTF-8 text of {@code file}, which must be a regular file (not a link), owned by the user running
     * this process and readable or writable by nobody else (mode 600 or 400).
     *
     * @param label what the secret is, for messages (e.g. {@code "TFGrid mnemonic"})
     * @throws InvalidInputException when the file is missing, not a regular file, owned by someone else, open to
     *                               others, too large, not UTF-8, or on a file system without POSIX permissions
     *                               (field: the file's path)
     */
    public static char[] fromFile(Path file, String label) {
        Objects.requireNonNull(file, "file");
        String field = file.toString();
        String named = "The " + label + " file " + file;
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidInputException(field, named + (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                        ? " is not a regular file." : " does not exist."));
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (!OWNER_ONLY.containsAll(mode)) {
                throw new InvalidInputException(field, named + " is mode " + octal(mode) + " ("
                        + PosixFilePermissions.toString(mode) + "): others than its owner may read or change it;"
                        + " make it mode 600 (chmod 600).");
            }
            UserPrincipal owner = Files.getOwner(file, LinkOption.NOFOLLOW_LINKS);
            UserPrincipal self = currentUser(file.getFileSystem(), field, named);
            if (!owner.getName().equals(self.getName())) {
                throw new InvalidInputException(field, named + " belongs to " + owner.getName()
                        + ", not to " + self.getName() + " who runs the deployer; chown it.");
            }
            return read(file, field, named);
        } catch (UnsupportedOperationException e) {
            throw new InvalidInputException(field, "The file system of " + file
                    + " cannot tell who may read it; keep the " + label + " on a POSIX file system.");
        } catch (IOException e) {
            throw new InvalidInputException(field, named + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static char[] read(Path file, String field, String named) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(MAX_FILE_BYTES + 1);
        try (SeekableByteChannel channel = Files.newByteChannel(file, Set.of(StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS))) {
            while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
                // read until the end or one byte past the limit
            }
        }
        bytes.flip();
        try {
            if (bytes.remaining() > MAX_FILE_BYTES) {
                throw new InvalidInputException(field, named + " is larger than " + MAX_FILE_BYTES
                        + " bytes: too large to hold a secret.");
            }
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            char[] all = new char[chars.remaining()];
            chars.get(all);
            Arrays.fill(chars.array(), '\0');
            char[] trimmed = strip(all);
            Arrays.fill(all, '\0');
            return trimmed;
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(field, named + " is not UTF-8 text.");
        } finally {
            Arrays.fill(bytes.array(), (byte) 0);
        }
    }

    private static char[] strip(char[] text) {
        int from = 0;
        int to = text.length;
        while (from < to && Character.isWhitespace(text[from])) {
            from++;
        }
        while (to > from && Character.isWhitespace(text[to - 1])) {
            to--;
        }
        return Arrays.copyOfRange(text, from, to);
    }

    private static UserPrincipal currentUser(FileSystem fileSystem, String field, String named) throws IOException {
        String name = System.getProperty("user.name", "");
        try {
            return fileSystem.getUserPrincipalLookupService().lookupPrincipalByName(name);
        } catch (UserPrincipalNotFoundException e) {
            throw new InvalidInputException(field, named + " cannot be checked: the user running the deployer ("
                    + name + ") is not known to the system, so whether it owns the file is unknown.");
        }
    }

    /** The permissions as three octal digits, e.g. {@code 644}. */
    static String octal(Set<PosixFilePermission> mode) {
        int bits = 0;
        for (PosixFilePermission p : PosixFilePermission.values()) {
            bits = bits << 1 | (mode.contains(p) ? 1 : 0);
        }
        return String.format("%03o", bits);
    }
}
