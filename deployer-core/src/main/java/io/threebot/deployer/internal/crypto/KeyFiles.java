package io.threebot.deployer.internal.crypto;

import io.threebot.deployer.errors.DeployerException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Random keys kept in files only their owner can read, created on first use and read back afterwards. */
public final class KeyFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFiles() {
    }

    /**
     * The key in the file, or a fresh random key of {@code bytes} bytes written there (base64, mode 0600) when the
     * file does not exist. Two processes creating it at once end up with the same key.
     *
     * @throws DeployerException when the file cannot be read or written, or holds a key of another length
     */
    public static byte[] readOrCreate(Path keyFile, int bytes) {
        try {
            if (!Files.exists(keyFile)) {
                byte[] fresh = new byte[bytes];
                RANDOM.nextBytes(fresh);
                Files.createDirectories(keyFile.toAbsolutePath().getParent());
                try {
                    Files.write(keyFile, Base64.getEncoder().encode(fresh), StandardOpenOption.CREATE_NEW);
                    restrict(keyFile);
                } catch (FileAlreadyExistsException raced) {
                    // another instance created it first; read theirs
                }
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(keyFile).trim());
            if (key.length != bytes) {
                throw new DeployerException("the key file " + keyFile + " does not hold a " + bytes * 8 + "-bit key");
            }
            return key;
        } catch (IOException | IllegalArgumentException e) {
            throw new DeployerException("cannot read or create the key file " + keyFile, e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; rely on the directory's permissions
        }
    }
}
