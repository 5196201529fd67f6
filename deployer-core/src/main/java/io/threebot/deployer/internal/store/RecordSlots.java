package io.threebot.deployer.internal.store;

import io.threebot.deployer.files.AtomicFiles;
import io.threebot.deployer.spi.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * A record kept in two files written in turn, {@code <id>.json} and {@code <id>.json.1}, so that a change rewrites
 * an existing file in place rather than creating one and renaming it over the old: no new file, no directory entry
 * changed, one flush of the file's data. Each write goes to the file that does not hold the current version, framed
 * by a first line {@code #record <version> <length> <crc32c>}; a crash or a full disk during a write leaves that
 * file's frame broken and the other file, the version before, whole. A read takes the newer whole file.
 *
 * <p>The first file says whether the record exists: a record is created by moving a whole file into place under
 * that name, and deleted by removing that name first. Files written before the frame (plain JSON, always moved into
 * place whole) are read as they are, and replaced by a move, never rewritten in place, so that a broken write can
 * never be mistaken for one of them.
 *
 * <p>Reads take no lock. A reader that finds a broken frame may have met a write in progress, so it reads again
 * under the lock writers hold ({@link Contents#partial()}); one that still finds it broken has met a crash's leftover.
 */
public final class RecordSlots {
    /** How the second file's name ends, after the first's. */
    public static final String SECOND_SUFFIX = ".1";
    private static final String FRAME_TEXT = "#record ";
    private static final byte[] FRAME = FRAME_TEXT.getBytes(StandardCharsets.US_ASCII);
    /** The longest first line: the frame, three numbers and their spaces. */
    private static final int MOST_FRAME_LINE = 80;

    private RecordSlots() {
    }

    /**
     * What a record's files hold.
     *
     * @param slot    the file holding the current version: 0 for {@code <id>.json}, 1 for {@code <id>.json.1}
     * @param version the current version
     * @param record  the current version's record bytes (see {@link RecordFile})
     * @param partial whether a file of the record was there but not whole: a write in progress, or a crash's
     *                leftover
     * @param inPlace whether the other file is there, framed, so that the next version can be written into it
     */
    public record Contents(int slot, long version, byte[] record, boolean partial, boolean inPlace) {
    }

    /** One file's bytes as read: the record inside its frame, or the file whole when written before frames. */
    private record Slot(int index, long version, byte[] record) {
    }

    /**
     * The record's current contents; empty when it has no first file.
     *
     * @throws StoreException when neither file holds a whole record, or one cannot be read
     */
    public static Optional<Contents> read(Path first) {
        Optional<byte[]> firstBytes = bytes(first);
        if (firstBytes.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> secondBytes = bytes(second(first));
        String name = first.getFileName().toString();
        Optional<Slot> a = slot(0, firstBytes.get(), name);
        Optional<Slot> b = secondBytes.flatMap(bytes -> slot(1, bytes, name));
        boolean partial = a.isEmpty() || secondBytes.isPresent() && b.isEmpty();
        Slot current = a.isPresent() && b.isPresent() ? (b.get().version() > a.get().version() ? b.get() : a.get())
                : a.or(() -> b).orElseThrow(() -> new StoreException("cannot read record file " + name
                        + ": it was cut short or damaged"));
        Optional<byte[]> other = current.index() == 0 ? secondBytes : firstBytes;
        return Optional.of(new Contents(current.index(), current.version(), current.record(), partial,
                other.map(RecordSlots::startsWithFrame).orElse(false)));
    }

    /**
     * A version written into its file and not yet flushed to disk: the caller may let go of the locks that order the
     * write among others (the version is visible to readers already), and then flushes it, still holding the
     * record's own lock, since the record's next write may only overwrite the version before once this one is on
     * disk.
     */
    public interface Unflushed extends AutoCloseable {
        /** Flushes the version to disk and closes its file. */
        @Override
        void close() throws IOException;
    }

    /**
     * A new record's first file, written and flushed beside its place, to be {@linkplain #create created} under the
     * record's lock; the slow part of a creation, which the caller does before it takes any lock.
     */
    public static AtomicFiles.Pending prepareNew(Path first, long version, byte[] record) throws IOException {
        return AtomicFiles.prepare(first, framed(version, record));
    }

    /**
     * Creates the record from its prepared first file, after removing a second file a crash left. The caller holds
     * the record's lock and has checked that the record does not exist.
     */
    public static void create(Path first, AtomicFiles.Pending prepared) throws IOException {
        Files.deleteIfExists(second(first));
        prepared.commit();
    }

    /**
     * Writes {@code record} at {@code version} into the file that does not hold {@code current}. The caller holds the
     * record's lock and has checked that {@code current} is still the current version, and keeps holding the
     * record's lock until it closed what this returns.
     */
    public static Unflushed write(Path first, Contents current, long version, byte[] record) throws IOException {
        byte[] framed = framed(version, record);
        Path target = current.slot() == 0 ? second(first) : first;
        if (!current.inPlace()) {
            // absent (a record's second write) or written before frames: moved into place whole, as then
            AtomicFiles.replace(target, framed);
            return () -> { };
        }
        FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(framed);
            while (buffer.hasRemaining()) {
                channel.write(buffer, buffer.position());
            }
            channel.truncate(framed.length);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return () -> {
            try {
                channel.force(false);
            } catch (IOException e) {
                unframe(channel, e);
                throw e;
            } finally {
                channel.close();
            }
        };
    }

    /**
     * After a flush failed, breaks the frame of the version written, so that readers take the version before again,
     * as the caller is told the write failed; as far as the file still takes writes.
     */
    private static void unframe(FileChannel channel, IOException failure) {
        try {
            channel.write(ByteBuffer.wrap(new byte[FRAME.length]), 0);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Removes the record: its first file (after which it is gone), then its second. */
    public static void delete(Path first) throws IOException {
        Files.deleteIfExists(first);
        Files.deleteIfExists(second(first));
    }

    /** The second file of the record whose first file is {@code first}. */
    public static Path second(Path first) {
        return first.resolveSibling(first.getFileName() + SECOND_SUFFIX);
    }

    /** {@code record} inside its frame: {@code #record <version> <length> <crc32c>} and a line break first. */
    static byte[] framed(long version, byte[] record) {
        CRC32C crc = new CRC32C();
        crc.update(record);
        byte[] line = (FRAME_TEXT + version + " " + record.length + " " + Long.toHexString(crc.getValue()) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] framed = Arrays.copyOf(line, line.length + record.length);
        System.arraycopy(record, 0, framed, line.length, record.length);
        return framed;
    }

    /** A file's record; empty when its frame is broken, or when a file written before frames cannot be read. */
    private static Optional<Slot> slot(int index, byte[] bytes, String name) {
        if (!startsWithFrame(bytes)) {
            try {
                return Optional.of(new Slot(index, RecordFile.version(bytes, name), bytes));
            } catch (StoreException unreadable) {
                return Optional.empty();
            }
        }
        int end = 0;
        while (end < Math.min(bytes.length, MOST_FRAME_LINE) && bytes[end] != '\n') {
            end++;
        }
        if (end >= bytes.length || bytes[end] != '\n') {
            return Optional.empty();
        }
        String[] fields = new String(bytes, FRAME.length, end - FRAME.length, StandardCharsets.US_ASCII).split(" ");
        try {
            long version = Long.parseLong(fields[0]);
            int length = Integer.parseInt(fields[1]);
            long expected = Long.parseLong(fields[2], 16);
            if (fields.length != 3 || length < 0 || length > bytes.length - end - 1) {
                return Optional.empty();
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes, end + 1, length);
            return crc.getValue() == expected
                    ? Optional.of(new Slot(index, version, Arrays.copyOfRange(bytes, end + 1, end + 1 + length)))
                    : Optional.empty();
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException broken) {
            return Optional.empty();
        }
    }

    private static boolean startsWithFrame(byte[] bytes) {
        return bytes.length >= FRAME.length && Arrays.equals(bytes, 0, FRAME.length, FRAME, 0, FRAME.length);
    }

    /**
     * A file's bytes; empty when there is none. Looked for first: a missing file is common (a record's second file
     * before its second write, a lease not taken) and the exception of opening one costs more than the look.
     */
    private static Optional<byte[]> bytes(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read record file " + file.getFileName(), e);
        }
    }
}
