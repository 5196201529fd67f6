package io.threebot.deployer.files;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.files.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Random keys kept in files only their owner can read, created on first use and read back afterwards. A new key
 * file is written whole or not at all ({@link AtomicFiles#create}), so a full disk or a crash never leaves a file
 * that looks like a key and is not one.
 */
public final class KeyFiles {
    private static final Logger LOG = LoggerFactory.getLogger(KeyFiles.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFiles() {
    }

    /**
     * The key in the file, or a fresh random key of {@code bytes} bytes written there (base64, mode 0600) when the
     * file does not exist. Two processes creating it at once end up with the same key. An empty file (or one of
     * white space only), which a write that never finished left behind, holds no key: it is replaced by a new key,
     * with a warning.
     *
     * @throws DeployerException when the file cannot be read or written, or holds a key of another length
     */
    public static byte[] readOrCreate(Path keyFile, int bytes) {
        try {
            Optional<String> text = contents(keyFile);
            if (text.isEmpty()) {
                // a process creating it at the same time may win: then its key is read below
                AtomicFiles.create(keyFile, fresh(bytes));
                text = contents(keyFile);
            }
            if (text.isPresent() && text.get().isBlank()) {
                text = Optional.of(replaceLeftOver(keyFile, bytes));
            }
            return decode(keyFile, text.orElseThrow(() -> new NoSuchFileException(keyFile.toString(), null,
                    "removed while it was being created")), bytes);
        } catch (IOException e) {
            throw new DeployerException("cannot read or create the key file " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces an empty key file with a new key. The file is locked while it is checked again and removed, so of
     * several processes (or threads: hence {@code synchronized}, as a JVM holds one lock per file) doing this at
     * once only one removes it, and every one then reads the one key that is created.
     */
    private static synchronized String replaceLeftOver(Path keyFile, int bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(keyFile, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (contents(keyFile).filter(String::isBlank).isPresent()) {
                LOG.warn("The key file {} is empty, left by a write that never finished (a full disk, say); "
                        + "a new key replaces it", keyFile);
                Files.delete(keyFile);
            }
        } catch (NoSuchFileException replacedMeanwhile) {
            // another process removed it first
        }
        AtomicFiles.create(keyFile, fresh(bytes));
        return contents(keyFile).orElseThrow(() -> new NoSuchFileException(keyFile.toString(), null,
                "removed while it was being created"));
    }

    private static Optional<String> contents(Path keyFile) throws IOException {
        try {
            return Optional.of(Files.readString(keyFile, StandardCharsets.ISO_8859_1));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static byte[] fresh(int bytes) {
        byte[] key = new byte[bytes];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encode(key);
    }

    private static byte[] decode(Path keyFile, String text, int bytes) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new DeployerException("the key file " + keyFile + " does not hold a key (it is not base64); "
                    + "restore it from a backup, or remove it to make a new key (what the old one sealed is lost)");
        }
        if (key.length != bytes) {
            throw new DeployerException("the key file " + keyFile + " does not hold a " + bytes * 8 + "-bit key (it "
                    + "holds " + key.length * 8 + " bits); restore it from a backup, or remove it to make a new key "
                    + "(what the old one sealed is lost)");
        }
        return key;
    }
}
