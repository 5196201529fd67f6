package io.threebot.deployer.testing;

import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store that fails every read of a whole kind it guards (a {@link #list} of it, or a {@link #find} by a field
 * without an index), so a test shows that some work reads only what an index gives it. It counts the records
 * handed out, so a test can also show how many were read.
 */
public final class ScanRefusingStore implements StateStore {
    private final StateStore store;
    private final Set<String> guarded;
    private final AtomicInteger read = new AtomicInteger();

    /** @param guarded the kinds that must never be read whole */
    public ScanRefusingStore(StateStore store, Set<String> guarded) {
        this.store = store;
        this.guarded = Set.copyOf(guarded);
    }

    /** How many records reads handed out so far. */
    public int recordsRead() {
        return read.get();
    }

    @Override
    public <T> Optional<Versioned<T>> get(String kind, String id, Class<T> type) {
        Optional<Versioned<T>> found = store.get(kind, id, type);
        found.ifPresent(v -> read.incrementAndGet());
        return found;
    }

    @Override
    public <T> Versioned<T> put(String kind, String id, T value, long expectedVersion) {
        return store.put(kind, id, value, expectedVersion);
    }

    @Override
    public <T> List<Versioned<T>> list(String kind, Class<T> type) {
        if (guarded.contains(kind)) {
            throw new AssertionError("every record of kind " + kind + " was listed");
        }
        return counted(store.list(kind, type));
    }

    @Override
    public <T> List<Versioned<T>> find(String kind, String field, String value, Class<T> type) {
        if (guarded.contains(kind) && !INDEXED_FIELDS.contains(field)) {
            throw new AssertionError("records of kind " + kind + " were looked up by the unindexed field " + field);
        }
        return counted(store.find(kind, field, value, type));
    }

    @Override
    public List<String> findDamaged(String kind, String field, String value, Class<?> type) {
        return store.findDamaged(kind, field, value, type);
    }

    @Override
    public boolean shared() {
        return store.shared();
    }

    @Override
    public boolean delete(String kind, String id, long expectedVersion) {
        return store.delete(kind, id, expectedVersion);
    }

    @Override
    public <T> Versioned<T> put(String kind, String id, T value, long expectedVersion,
                                io.threebot.deployer.spi.Fence fence) {
        return store.put(kind, id, value, expectedVersion, fence);
    }

    @Override
    public boolean delete(String kind, String id, long expectedVersion, io.threebot.deployer.spi.Fence fence) {
        return store.delete(kind, id, expectedVersion, fence);
    }

    private <T> List<Versioned<T>> counted(List<Versioned<T>> records) {
        read.addAndGet(records.size());
        return records;
    }
}
