package io.threebot.deployer.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.util.concurrent.Striped;
import io.threebot.deployer.internal.store.RecordFields;
import io.threebot.deployer.internal.store.RecordFile;
import io.threebot.deployer.internal.store.RecordKeys;
import io.threebot.deployer.internal.store.RecordSlots;
import io.threebot.deployer.internal.store.Records;
import io.threebot.deployer.files.AtomicFiles;
import io.threebot.deployer.spi.Fence;
import io.threebot.deployer.spi.FencedOffException;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreException;
import io.threebot.deployer.spi.Versioned;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records as JSON files, {@code <directory>/<kind>/<id>.json} and {@code <id>.json.1}: the embedded single-instance
 * store. A record's two files are written in turn, in place, each version framed with its length and checksum
 * ({@link RecordSlots}), so a crash leaves either the old record or the new one, never half, and a change creates no
 * file. Compare-and-set is enforced within this process, so a directory belongs to one store
 * of one process: the store holds an exclusive lock on {@code .lock} in it until {@link #close()}, and a second one
 * is refused with the holder's name. A record file that cannot be read (cut short by a full disk, say) is skipped
 * by listings, logged with its path and counted ({@link #unreadableRecords()}), never failing the whole listing;
 * {@link #findDamaged} names it under the owner its index marker gives.
 *
 * <p>The {@linkplain StateStore#INDEXED_FIELDS indexed fields} have an index of empty marker files,
 * {@code .index/<kind>/<field>/<value>/<id>}, written before the record and removed after it changes, so a crash
 * leaves at most a marker too many, which {@link #find} checks against the record and removes. A directory written
 * before the index existed is indexed once when it is opened.
 *
 * <p>Writers of different records run at once, so that their flushes to disk overlap (the file system commits
 * concurrent flushes together); a record's own writes take turns under its lock, which a reader takes only when it
 * met a write in progress. A fenced write holds its leases' locks shared, so writes under
 * one lease never wait for each other; taking, renewing or releasing a lease holds its lock alone.
 */
public final class FileStateStore implements StateStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileStateStore.class);
    private static final String SUFFIX = ".json";
    /** How temporary files begin; those an earlier version left ended in .json, so listings pass over them. */
    private static final String TEMP_PREFIX = AtomicFiles.TEMP_PREFIX;
    /** Directories a store of this process holds, since the file lock does not tell one process's stores apart. */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();
    private static final String INDEX = ".index";
    private final Path directory;
    /** Record locks, by kind and id; enough stripes that writers of different records rarely share one. */
    private final Striped<Lock> locks = Striped.lock(1024);
    /** Lease locks, by lease name: shared by the fenced writes under the lease, exclusive to the lease's writes. */
    private final Striped<ReadWriteLock> leaseLocks = Striped.readWriteLock(1024);
    private final FileChannel lockChannel;
    private final FileLock lockFile;
    private final AtomicLong unreadable = new AtomicLong();

    /**
     * Opens the directory (creating it) and takes its lock.
     *
     * @throws StoreException when another store, in this process or another, holds the directory
     */
    public FileStateStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new StoreException("cannot create the state directory " + this.directory, e);
        }
        if (!OPEN.add(this.directory)) {
            throw new StoreException("the state directory " + this.directory + " is open in this process already; "
                    + "close that store first (one store per directory)");
        }
        Path file = this.directory.resolve(".lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = Files.readString(file).strip();
                throw new StoreException("the state directory " + this.directory + " is used by another deployer "
                        + "process (" + (holder.isEmpty() ? "unknown" : holder) + "); one process per directory: "
                        + "stop it, or share a database store between instances");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " since " + Instant.now())
                    .getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            this.lockChannel = channel;
            this.lockFile = lock;
        } catch (IOException | RuntimeException e) {
            OPEN.remove(this.directory);
            closeQuietly(channel);
            throw e instanceof StoreException store ? store
                    : new StoreException("cannot lock the state directory " + this.directory, e);
        }
        try {
            indexOnce();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Indexes a directory written before the index existed, once. */
    private void indexOnce() {
        Path complete = directory.resolve(INDEX).resolve(".complete");
        if (Files.exists(complete)) {
            return;
        }
        try (DirectoryStream<Path> kinds = Files.newDirectoryStream(directory, Files::isDirectory)) {
            int indexed = 0;
            for (Path kindDir : kinds) {
                String kind = kindDir.getFileName().toString();
                if (kind.startsWith(".")) {
                    continue;
                }
                for (Versioned<JsonNode> record : list(kind, JsonNode.class)) {
                    for (var field : RecordFields.indexed(record.value()).entrySet()) {
                        mark(kind, field.getKey(), field.getValue(), record.id());
                    }
                    indexed++;
                }
            }
            AtomicFiles.replace(complete, new byte[] {'1'});
            if (indexed > 0) {
                LOG.info("Indexed {} records of {}", indexed, directory);
            }
        } catch (IOException e) {
            throw new StoreException("cannot index the state directory " + directory, e);
        }
    }

    /** Releases the directory for another store. */
    @Override
    public void close() {
        try {
            if (lockFile.isValid()) {
                lockFile.release();
            }
        } catch (IOException e) {
            LOG.warn("Could not release the lock of {}: {}", directory, e.getMessage());
        } finally {
            closeQuietly(lockChannel);
            OPEN.remove(directory);
        }
    }

    /** How many record files listings had to skip because they could not be read. */
    public long unreadableRecords() {
        return unreadable.get();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to do
            }
        }
    }

    public Path directory() {
        return directory;
    }

    @Override
    public <T> Optional<Versioned<T>> get(String kind, String id, Class<T> type) {
        RecordKeys.check(kind, id);
        Path file = file(kind, id);
        return contents(kind, id).map(c -> RecordFile.decode(id, c.record(), fileName(file), type));
    }

    @Override
    public <T> Versioned<T> put(String kind, String id, T value, long expectedVersion) {
        return write(kind, id, value, expectedVersion, Optional.empty());
    }

    /** The leases' locks (shared) and the record's are held, in one order, while the fence is checked and written. */
    @Override
    public <T> Versioned<T> put(String kind, String id, T value, long expectedVersion, Fence fence) {
        refuseLease(kind);
        return write(kind, id, value, expectedVersion, Optional.of(fence));
    }

    @Override
    public boolean delete(String kind, String id, long expectedVersion, Fence fence) {
        RecordKeys.check(kind, id);
        refuseLease(kind);
        List<Lock> leases = lockFence(kind, fence);
        try {
            checkFence(kind, id, fence);
            return delete(kind, id, expectedVersion);
        } finally {
            unlock(leases);
        }
    }

    /**
     * Writes the record if its version is {@code expectedVersion}: under the leases' and the record's locks, the
     * fence and the version are checked and the new version written into the record's other file; it is flushed to
     * disk under the record's lock alone, so that a flush holds up no writer under the same leases.
     */
    private <T> Versioned<T> write(String kind, String id, T value, long expectedVersion, Optional<Fence> fence) {
        RecordKeys.check(kind, id);
        Path file = file(kind, id);
        // a write fenced off or stale fails before it costs a flush (a lease's token, once replaced, never comes
        // back); both are checked again under the locks below
        fence.ifPresent(f -> checkFence(kind, id, f));
        long current = contents(kind, id).map(RecordSlots.Contents::version).orElse(NEW);
        if (current != expectedVersion) {
            throw new StaleVersionException(kind, id, expectedVersion, current);
        }
        byte[] bytes = RecordFile.encode(expectedVersion + 1, value);
        Map<String, String> indexed = RecordFile.header(bytes, fileName(file)).indexed();
        Lock lock = locks.get(kind + "/" + id);
        Committed written;
        // a new record's file is written and flushed before any lock is taken, and only moved into place under them
        try (AtomicFiles.Pending created = expectedVersion == NEW
                ? RecordSlots.prepareNew(file, expectedVersion + 1, bytes) : null) {
            List<Lock> held = fence.map(f -> lockFence(kind, f)).orElseGet(() -> lockLease(kind, id));
            try {
                fence.ifPresent(f -> checkFence(kind, id, f));
                lock.lock();
                try {
                    written = commit(kind, id, expectedVersion, indexed, bytes, created);
                } catch (IOException | RuntimeException | Error e) {
                    lock.unlock();
                    throw e;
                }
            } finally {
                unlock(held);
            }
        } catch (IOException e) {
            throw new StoreException("cannot write record " + kind + "/" + id, e);
        }
        try {
            written.version().close();
            // the index's markers of values the record no longer holds go once the new version is on disk
            written.before().forEach((field, old) -> {
                if (!old.equals(indexed.get(field))) {
                    unmark(kind, field, old, id);
                }
            });
            return new Versioned<>(id, expectedVersion + 1, value);
        } catch (IOException e) {
            throw new StoreException("cannot write record " + kind + "/" + id, e);
        } finally {
            lock.unlock();
        }
    }

    /** A version written and not yet flushed, and the indexed fields of the version before it. */
    private record Committed(RecordSlots.Unflushed version, Map<String, String> before) {
    }

    /**
     * Under the record's lock: checks the version, marks the index, writes the new version (not yet flushed), or
     * moves the new record's {@code created} file into place.
     */
    private Committed commit(String kind, String id, long expectedVersion, Map<String, String> after, byte[] bytes,
                             AtomicFiles.Pending created) throws IOException {
        Path file = file(kind, id);
        Optional<RecordSlots.Contents> current = RecordSlots.read(file);
        long actual = current.map(RecordSlots.Contents::version).orElse(NEW);
        if (actual != expectedVersion) {
            throw new StaleVersionException(kind, id, expectedVersion, actual);
        }
        Map<String, String> before = current.map(c -> RecordFile.header(c.record(), fileName(file)).indexed())
                .orElse(Map.of());
        for (var field : after.entrySet()) {
            mark(kind, field.getKey(), field.getValue(), id);
        }
        if (current.isEmpty()) {
            RecordSlots.create(file, created);
            return new Committed(() -> { }, before);
        }
        return new Committed(RecordSlots.write(file, current.get(), expectedVersion + 1, bytes), before);
    }

    /**
     * The record's current contents, read without a lock; read again under the record's lock when a file of it was
     * not whole, or neither was, which writes in progress can show.
     */
    private Optional<RecordSlots.Contents> contents(String kind, String id) {
        Path file = file(kind, id);
        try {
            Optional<RecordSlots.Contents> read = RecordSlots.read(file);
            if (read.isEmpty() || !read.get().partial()) {
                return read;
            }
        } catch (StoreException neitherWhole) {
            // both files met mid-write (a reader held up across two writes), or damaged: told apart under the lock
        }
        Lock lock = locks.get(kind + "/" + id);
        lock.lock();
        try {
            return RecordSlots.read(file);
        } finally {
            lock.unlock();
        }
    }

    /** Takes the fence's leases' locks, shared, in one order (so fenced writers never deadlock). */
    private List<Lock> lockFence(String kind, Fence fence) {
        refuseLease(kind);
        List<Lock> held = new ArrayList<>();
        try {
            for (ReadWriteLock lease : leaseLocks.bulkGet(fence.tokens().keySet())) {
                Lock shared = lease.readLock();
                shared.lock();
                held.add(shared);
            }
            return held;
        } catch (RuntimeException | Error e) {
            unlock(held);
            throw e;
        }
    }

    private static void refuseLease(String kind) {
        if (kind.equals(Fence.LEASE_KIND)) {
            throw new IllegalArgumentException("leases are not written under a fence");
        }
    }

    /** Takes a lease's lock alone when the record is a lease (taken, renewed or released); none for other kinds. */
    private List<Lock> lockLease(String kind, String id) {
        if (!kind.equals(Fence.LEASE_KIND)) {
            return List.of();
        }
        Lock alone = leaseLocks.get(id).writeLock();
        alone.lock();
        return List.of(alone);
    }

    private static void unlock(List<Lock> held) {
        for (int i = held.size() - 1; i >= 0; i--) {
            held.get(i).unlock();
        }
    }

    /** With the fence's leases locked: refuses the write unless every lease is still held with its token. */
    private void checkFence(String kind, String id, Fence fence) {
        for (String lease : fence.tokens().keySet()) {
            Path file = file(Fence.LEASE_KIND, lease);
            String token = contents(Fence.LEASE_KIND, lease)
                    .flatMap(c -> RecordFile.text(c.record(), fileName(file), Fence.TOKEN_FIELD)).orElse(null);
            if (!fence.admits(lease, token)) {
                throw new FencedOffException(kind, id, lease);
            }
        }
    }

    @Override
    public <T> List<Versioned<T>> list(String kind, Class<T> type) {
        Path dir = directory.resolve(kind);
        List<Versioned<T>> result = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return result;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.startsWith(TEMP_PREFIX)) {
                    readListed(kind, name.substring(0, name.length() - SUFFIX.length()), type).ifPresent(result::add);
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot list records of kind " + kind, e);
        }
        result.sort((a, b) -> a.id().compareTo(b.id()));
        return result;
    }

    @Override
    public <T> List<Versioned<T>> find(String kind, String field, String value, Class<T> type) {
        if (!INDEXED_FIELDS.contains(field)) {
            return RecordFields.matching(kind, list(kind, JsonNode.class), field, value, type);
        }
        Path marks = directory.resolve(INDEX).resolve(kind).resolve(field).resolve(RecordFields.fileName(value));
        List<Versioned<T>> result = new ArrayList<>();
        if (!Files.isDirectory(marks)) {
            return result;
        }
        try (DirectoryStream<Path> ids = Files.newDirectoryStream(marks)) {
            for (Path mark : ids) {
                String id = mark.getFileName().toString();
                Optional<Versioned<T>> record = readListed(kind, id, type, field, value);
                if (record.isPresent()) {
                    result.add(record.get());
                } else {
                    removeStaleMark(kind, field, value, id);
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot find records of kind " + kind + " by " + field, e);
        }
        result.sort((a, b) -> a.id().compareTo(b.id()));
        return result;
    }

    /**
     * The ids the index lists under the value whose record files cannot be read as {@code type}; the index's marker,
     * written before the record, says whose a record is when the record cannot.
     */
    @Override
    public List<String> findDamaged(String kind, String field, String value, Class<?> type) {
        RecordFields.requireIndexed(field);
        Path marks = directory.resolve(INDEX).resolve(kind).resolve(field).resolve(RecordFields.fileName(value));
        List<String> damaged = new ArrayList<>();
        if (!Files.isDirectory(marks)) {
            return damaged;
        }
        try (DirectoryStream<Path> ids = Files.newDirectoryStream(marks)) {
            for (Path mark : ids) {
                String id = mark.getFileName().toString();
                try {
                    Path file = file(kind, id);
                    contents(kind, id).ifPresent(c -> RecordFile.decode(id, c.record(), fileName(file), type));
                } catch (StoreException e) {
                    damaged.add(id);
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot find records of kind " + kind + " by " + field, e);
        }
        damaged.sort(null);
        return damaged;
    }

    /** A record for a listing; empty when it is gone, or unreadable (then logged and counted). */
    private <T> Optional<Versioned<T>> readListed(String kind, String id, Class<T> type) {
        return readListed(kind, id, type, null, null);
    }

    /**
     * A record for a listing whose indexed {@code field} is {@code value} (any record when the field is null); empty
     * when it is gone, holds another value, or is unreadable (then logged and counted).
     */
    private <T> Optional<Versioned<T>> readListed(String kind, String id, Class<T> type, String field, String value) {
        Path file = file(kind, id);
        try {
            Optional<byte[]> bytes = contents(kind, id).map(RecordSlots.Contents::record);
            if (bytes.isEmpty() || field != null
                    && !value.equals(RecordFile.header(bytes.get(), fileName(file)).indexed().get(field))) {
                return Optional.empty();
            }
            return Optional.of(RecordFile.decode(id, bytes.get(), fileName(file), type));
        } catch (StoreException e) {
            unreadable.incrementAndGet();
            LOG.warn("Skipping record file {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Removes a marker whose record is gone or holds another value now, checked again under the record's lock. */
    private void removeStaleMark(String kind, String field, String value, String id) {
        Lock lock = locks.get(kind + "/" + id);
        lock.lock();
        try {
            Path file = file(kind, id);
            boolean stillMatches = RecordSlots.read(file)
                    .map(c -> RecordFile.header(c.record(), fileName(file)).indexed())
                    .map(indexed -> value.equals(indexed.get(field))).orElse(false);
            if (!stillMatches) {
                unmark(kind, field, value, id);
            }
        } catch (StoreException unreadableNow) {
            // left for the next look
        } finally {
            lock.unlock();
        }
    }

    private Path markOf(String kind, String field, String value, String id) {
        return directory.resolve(INDEX).resolve(kind).resolve(field).resolve(RecordFields.fileName(value)).resolve(id);
    }

    private void mark(String kind, String field, String value, String id) {
        Path mark = markOf(kind, field, value, id);
        try {
            if (!Files.exists(mark)) {
                if (!Files.isDirectory(mark.getParent())) {
                    // a look first: creating a directory that exists costs a write lock on its parent in the kernel
                    Files.createDirectories(mark.getParent());
                }
                Files.createFile(mark);
            }
        } catch (FileAlreadyExistsException e) {
            // marked by an earlier write
        } catch (IOException e) {
            throw new StoreException("cannot index record " + kind + "/" + id, e);
        }
    }

    private void unmark(String kind, String field, String value, String id) {
        try {
            Files.deleteIfExists(markOf(kind, field, value, id));
        } catch (IOException e) {
            LOG.warn("Could not remove the index entry of {}/{} ({}={}): {}", kind, id, field, value,
                    e.getMessage());
        }
    }

    @Override
    public boolean delete(String kind, String id, long expectedVersion) {
        RecordKeys.check(kind, id);
        List<Lock> lease = lockLease(kind, id);
        Lock lock = locks.get(kind + "/" + id);
        lock.lock();
        try {
            Path file = file(kind, id);
            Optional<RecordSlots.Contents> current = RecordSlots.read(file);
            if (current.isEmpty()) {
                return false;
            }
            long actual = current.get().version();
            if (actual != expectedVersion) {
                throw new StaleVersionException(kind, id, expectedVersion, actual);
            }
            Map<String, String> indexed = RecordFile.header(current.get().record(), fileName(file)).indexed();
            RecordSlots.delete(file);
            indexed.forEach((field, value) -> unmark(kind, field, value, id));
            return true;
        } catch (IOException e) {
            throw new StoreException("cannot delete record " + kind + "/" + id, e);
        } finally {
            lock.unlock();
            unlock(lease);
        }
    }

    private Path file(String kind, String id) {
        return directory.resolve(kind).resolve(id + SUFFIX);
    }

    private static String fileName(Path file) {
        return file.getFileName().toString();
    }

}
