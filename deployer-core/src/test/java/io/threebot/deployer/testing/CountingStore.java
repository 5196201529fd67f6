package io.threebot.deployer.testing;

import io.threebot.deployer.spi.Fence;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store that counts, by record kind, the reads ({@link #get}, and each record {@link #list} or {@link #find} hands
 * out) and the writes (puts and deletes, fenced or not) made through it, so a test can bound what some work costs
 * the store; and the calls of each sort made on a kind ({@link #calls}), so a test can show how often some work
 * goes to the store. Everything else goes straight to the store it wraps.
 */
public final class CountingStore implements StateStore {
    private final StateStore store;
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** A sort of call on a kind. */
    public enum Call {
        /** {@code get}: one record by id. */
        GET,
        /** {@code list}, {@code find} or {@code findDamaged}: the records of a kind, or of an index entry. */
        SCAN,
        /** {@code put} or {@code delete}, fenced or not. */
        WRITE
    }

    public CountingStore(StateStore store) {
        this.store = store;
    }

    /** Records of {@code kind} read so far. */
    public int reads(String kind) {
        return count(reads, kind);
    }

    /** Writes of records of {@code kind} so far. */
    public int writes(String kind) {
        return count(writes, kind);
    }

    /** How many calls of that sort were made on the kind so far. */
    public int calls(String kind, Call call) {
        return count(calls, kind + "/" + call);
    }

    /** Reads so far by kind, ordered by kind (for a test's message). */
    public Map<String, Integer> readsByKind() {
        return snapshot(reads);
    }

    /** Writes so far by kind, ordered by kind (for a test's message). */
    public Map<String, Integer> writesByKind() {
        return snapshot(writes);
    }

    /** Forgets what was counted so far. */
    public void reset() {
        reads.clear();
        writes.clear();
        calls.clear();
    }

    @Override
    public <T> Optional<Versioned<T>> get(String kind, String id, Class<T> type) {
        add(reads, kind, 1);
        add(calls, kind + "/" + Call.GET, 1);
        return store.get(kind, id, type);
    }

    @Override
    public <T> Versioned<T> put(String kind, String id, T value, long expectedVersion) {
        written(kind);
        return store.put(kind, id, value, expectedVersion);
    }

    @Override
    public <T> List<Versioned<T>> list(String kind, Class<T> type) {
        add(calls, kind + "/" + Call.SCAN, 1);
        List<Versioned<T>> records = store.list(kind, type);
        add(reads, kind, records.size());
        return records;
    }

    @Override
    public <T> List<Versioned<T>> find(String kind, String field, String value, Class<T> type) {
        add(calls, kind + "/" + Call.SCAN, 1);
        List<Versioned<T>> records = store.find(kind, field, value, type);
        add(reads, kind, records.size());
        return records;
    }

    @Override
    public List<String> findDamaged(String kind, String field, String value, Class<?> type) {
        add(calls, kind + "/" + Call.SCAN, 1);
        return store.findDamaged(kind, field, value, type);
    }

    @Override
    public boolean shared() {
        return store.shared();
    }

    @Override
    public boolean delete(String kind, String id, long expectedVersion) {
        written(kind);
        return store.delete(kind, id, expectedVersion);
    }

    @Override
    public <T> Versioned<T> put(String kind, String id, T value, long expectedVersion, Fence fence) {
        written(kind);
        return store.put(kind, id, value, expectedVersion, fence);
    }

    @Override
    public boolean delete(String kind, String id, long expectedVersion, Fence fence) {
        written(kind);
        return store.delete(kind, id, expectedVersion, fence);
    }

    private void written(String kind) {
        add(writes, kind, 1);
        add(calls, kind + "/" + Call.WRITE, 1);
    }

    private static void add(Map<String, AtomicInteger> counts, String kind, int n) {
        counts.computeIfAbsent(kind, k -> new AtomicInteger()).addAndGet(n);
    }

    private static int count(Map<String, AtomicInteger> counts, String kind) {
        AtomicInteger n = counts.get(kind);
        return n == null ? 0 : n.get();
    }

    private static Map<String, Integer> snapshot(Map<String, AtomicInteger> counts) {
        Map<String, Integer> copy = new TreeMap<>();
        counts.forEach((kind, n) -> copy.put(kind, n.get()));
        return copy;
    }
}
