package io.threebot.deployer.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files written whole or not at all: the bytes go to a temporary file beside the target (readable by its owner
 * only from its creation on, where the file system has POSIX permissions), which is flushed to disk and then moved
 * into place in one step, and the directory is flushed too where the system allows. A crash or a full disk leaves
 * the old file or the new one, never a half-written one; the temporary file is removed when the write fails.
 */
public final class AtomicFiles {
    /** How the names of temporary files begin, so a directory listing can pass over them. */
    public static final String TEMP_PREFIX = ".tmp-";
    private static final String TEMP_SUFFIX = ".tmp";

    /** Writes the temporary file's bytes; a seam for tests that need a write to fail part-way. */
    @FunctionalInterface
    interface Writer {
        void write(FileChannel channel, byte[] bytes) throws IOException;
    }

    private static final Writer CHANNEL = (channel, bytes) -> {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    };

    private AtomicFiles() {
    }

    /** Writes {@code bytes} as the file, replacing it if it exists; creates the directories above it. */
    public static void replace(Path file, byte[] bytes) throws IOException {
        try (Pending pending = prepare(file, bytes)) {
            pending.commit();
        }
    }

    /**
     * Writes {@code bytes} to a temporary file beside {@code file} and flushes it to disk, without putting it in
     * place yet: the slow part of {@link #replace}, which a caller can do before it takes a lock, then
     * {@link Pending#commit()} under the lock. Closing a pending write that was not committed removes it.
     */
    public static Pending prepare(Path file, byte[] bytes) throws IOException {
        return new Pending(file, written(file, bytes, CHANNEL));
    }

    /** A whole file written and flushed beside its target, to be moved into place or dropped. */
    public static final class Pending implements AutoCloseable {
        private final Path file;
        private final Path temp;
        private boolean committed;

        private Pending(Path file, Path temp) {
            this.file = file;
            this.temp = temp;
        }

        /**
         * Moves the file into place in one step, replacing the old one, and flushes the directory.
         *
         * @throws IllegalStateException when committed already
         */
        public void commit() throws IOException {
            if (committed) {
                throw new IllegalStateException("committed already: " + file);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
            syncDirectory(file);
        }

        /** Removes the temporary file unless it was committed. */
        @Override
        public void close() throws IOException {
            if (!committed) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Writes {@code bytes} as the file unless it exists; creates the directories above it. Of several writers
     * creating one file at once, exactly one succeeds and the others find the winner's file, whole: the complete
     * temporary file is linked under the file's name, which fails when the name is taken.
     *
     * @return true when this call created the file, false when it existed (it is left as it is)
     */
    public static boolean create(Path file, byte[] bytes) throws IOException {
        return create(file, bytes, CHANNEL);
    }

    /** {@link #create(Path, byte[])} with the bytes written by {@code writer}. */
    static boolean create(Path file, byte[] bytes, Writer writer) throws IOException {
        Path temp = written(file, bytes, writer);
        try {
            try {
                Files.createLink(file, temp);
            } catch (UnsupportedOperationException noLinks) {
                // a file system without hard links: a plain move, which refuses an existing target too
                Files.move(temp, file);
            }
            syncDirectory(file);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A temporary file beside {@code file} holding the bytes, flushed to disk; removed again if that fails. */
    private static Path written(Path file, byte[] bytes, Writer writer) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            // a look first: creating a directory that exists costs a write lock on its parent in the kernel
            Files.createDirectories(directory);
        }
        Path temp = createTemp(directory);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            writer.write(channel, bytes);
            channel.force(true);
            return temp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private static Path createTemp(Path directory) throws IOException {
        try {
            return Files.createTempFile(directory, TEMP_PREFIX, TEMP_SUFFIX,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile(directory, TEMP_PREFIX, TEMP_SUFFIX);
        }
    }

    /** Flushes the directory's entries, so the new name survives a crash; not every system can. */
    private static void syncDirectory(Path file) {
        try (FileChannel directory = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows, for one, opens no directory for reading; the rename is still atomic there
        }
    }
}
