package io.threebot.deployer.testing;

import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store that fails every read of a whole kind it guards (a {@link #list} of it, or a {@link #find} by a field
 * without an index), so a test shows that some work reads only what an index gives it. It counts the records
 * handed out, so a test can also show how many were read, and the calls made on each kind ({@link #calls}), so a
 * test can show how often some work goes to the store.
 */
public final class ScanRefusingStore implements StateStore {
    private final StateStore store;
    private final Set<String> guarded;
    private final AtomicInteger read = new AtomicInteger();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** What a call on a kind did. */
    public enum Call {
        /** {@code get}: one record by id. */
        GET,
        /** {@code list}, {@code find} or {@code findDamaged}: the records of a kind, or of an index entry. */
        SCAN,
        /** {@code put} or {@code delete}, fenced or not. */
        WRITE
    }

    /** @param guarded the kinds that must never be read whole */
    public ScanRefusingStore(StateStore store, Set<String> guarded) {
        this.store = store;
        this.guarded = Set.copyOf(guarded);
    }

    /** How many calls of that sort were made on the kind so far. */
    public int calls(String kind, Call call) {
        AtomicInteger count = calls.get(kind + "/" + call);
        return count == null ? 0 : count.get();
    }

    private void count(String kind, Call call) {
        calls.computeIfAbsent(kind + "/" + call, k -> new AtomicInteger()).incrementAndGet();
    }

    /** How many records reads handed out so far. */
    public int recordsRead() {
        return read.get();
    }

    @Override
    public <T> Optional<Versioned<T>> get(String kind, String id, Class<T> type) {
        count(kind, Call.GET);
        Optional<Versioned<T>> found = store.get(kind, id, type);
        found.ifPresent(v -> read.incrementAndGet());
        return found;
    }

    @Override
    public <T> Versioned<T> put(String kind, String id, T value, long expectedVersion) {
        count(kind, Call.WRITE);
        return store.put(kind, id, value, expectedVersion);
    }

    @Override
    public <T> List<Versioned<T>> list(String kind, Class<T> type) {
        if (guarded.contains(kind)) {
            throw new AssertionError("every record of kind " + kind + " was listed");
        }
        count(kind, Call.SCAN);
        return counted(store.list(kind, type));
    }

    @Override
    public <T> List<Versioned<T>> find(String kind, String field, String value, Class<T> type) {
        if (guarded.contains(kind) && !INDEXED_FIELDS.contains(field)) {
            throw new AssertionError("records of kind " + kind + " were looked up by the unindexed field " + field);
        }
        count(kind, Call.SCAN);
        return counted(store.find(kind, field, value, type));
    }

    @Override
    public List<String> findDamaged(String kind, String field, String value, Class<?> type) {
        count(kind, Call.SCAN);
        return store.findDamaged(kind, field, value, type);
    }

    @Override
    public boolean shared() {
        return store.shared();
    }

    @Override
    public boolean delete(String kind, String id, long expectedVersion) {
        count(kind, Call.WRITE);
        return store.delete(kind, id, expectedVersion);
    }

    @Override
    public <T> Versioned<T> put(String kind, String id, T value, long expectedVersion,
                                io.threebot.deployer.spi.Fence fence) {
        count(kind, Call.WRITE);
        return store.put(kind, id, value, expectedVersion, fence);
    }

    @Override
    public boolean delete(String kind, String id, long expectedVersion, io.threebot.deployer.spi.Fence fence) {
        count(kind, Call.WRITE);
        return store.delete(kind, id, expectedVersion, fence);
    }

    private <T> List<Versioned<T>> counted(List<Versioned<T>> records) {
        read.addAndGet(records.size());
        return records;
    }
}
