package io.threebot.deployer.testing;

import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreException;
import io.threebot.deployer.spi.StoreUnavailableException;
import io.threebot.deployer.spi.Versioned;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store that can be cut off from its deployer, as a process that froze or lost its database would be: after
 * {@link #cut()} every call fails with {@link StoreUnavailableException} and changes nothing; after
 * {@link #failWrites()} reads work and writes fail, as on a full disk; after {@link #failNext(String, int)} the next
 * calls on records of one kind fail as during an outage, then the store works again.
 */
public final class CuttableStore implements StateStore {
    private final StateStore store;
    private final boolean shared;
    private volatile boolean cut;
    private volatile boolean readOnly;
    private volatile java.util.function.BiPredicate<String, Object> dieAfter = (kind, value) -> false;
    private volatile java.util.function.BiPredicate<String, Object> freezeAt = (kind, value) -> false;
    private volatile java.util.concurrent.CountDownLatch frozen;
    private final Map<String, AtomicInteger> refused =
            new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failing = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> outages = new ConcurrentHashMap<>();

    public CuttableStore(StateStore store) {
        this(store, store.shared());
    }

    /** @param shared what {@link #shared()} says, whatever the store below says */
    public CuttableStore(StateStore store, boolean shared) {
        this.store = store;
        this.shared = shared;
    }

    public void cut() {
        cut = true;
    }

    /**
     * Cuts the store off right after the first write it takes of which {@code write} (kind, value) is true: the
     * deployer's process died just after that write, as far as the store can tell.
     */
    public void cutAfter(java.util.function.BiPredicate<String, Object> write) {
        dieAfter = write;
    }

    /**
     * Freezes the deployer behind this store, as a SIGSTOP would, when it is about to make the first write of which
     * {@code write} (kind, value) is true: that write and every call any of its threads makes from then on (lease
     * renewals, sweeps) wait, unwritten, until {@link #thaw()}.
     */
    public void freezeAt(java.util.function.BiPredicate<String, Object> write) {
        freezeAt = write;
    }

    /**
     * Freezes the deployer behind this store (as {@link #freezeAt}) when {@code thread} reads a record of
     * {@code kind} for the {@code nth} time (from 1): the thread stops between what it did before and that read.
     */
    public void freezeAtRead(String kind, Thread thread, int nth) {
        AtomicInteger reads = new AtomicInteger();
        freezeAtRead = (k, t) -> k.equals(kind) && t == thread && reads.incrementAndGet() == nth;
    }

    private volatile java.util.function.BiPredicate<String, Thread> freezeAtRead = (kind, thread) -> false;

    private void maybeFreezeAtRead(String kind) {
        if (freezeAtRead.test(kind, Thread.currentThread())) {
            freezeAtRead = (k, t) -> false;
            frozen = new java.util.concurrent.CountDownLatch(1);
        }
    }

    /** Freezes the deployer behind this store now: every call any of its threads makes waits until {@link #thaw()}. */
    public void freezeNow() {
        frozen = new java.util.concurrent.CountDownLatch(1);
    }

    /** True while the deployer behind this store is frozen. */
    public boolean frozen() {
        return frozen != null;
    }

    /** Lets the frozen deployer go on where it stopped. */
    public void thaw() {
        java.util.concurrent.CountDownLatch latch = frozen;
        frozen = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    private void awaitThaw() {
        java.util.concurrent.CountDownLatch latch = frozen;
        if (latch != null) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("interrupted while frozen", e);
            }
        }
    }

    private void maybeFreeze(String kind, Object value) {
        if (freezeAt.test(kind, value)) {
            freezeAt = (k, v) -> false;
            frozen = new java.util.concurrent.CountDownLatch(1);
        }
        awaitThaw();
    }

    /** Writes fail from now on, reads work: a full disk. */
    public void failWrites() {
        readOnly = true;
    }

    /** Everything works again. */
    public void reconnect() {
        cut = false;
        readOnly = false;
        dieAfter = (kind, value) -> false;
        failing.clear();
    }

    /** The next {@code times} calls (reads or writes) on records of {@code kind} fail as if the store were down. */
    public void failNext(String kind, int times) {
        failing.computeIfAbsent(kind, k -> new AtomicInteger()).set(times);
    }

    /** How many calls on records of this kind failed as if the store were down. */
    public int outagesMet(String kind) {
        AtomicInteger count = outages.get(kind);
        return count == null ? 0 : count.get();
    }

    private void check(String kind) {
        maybeFreezeAtRead(kind);
        awaitThaw();
        AtomicInteger left = failing.get(kind);
        if (cut || left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            outages.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
            throw new StoreUnavailableException("the store is cut off", null);
        }
    }

    private void checkWrite(String kind) {
        check(kind);
        if (readOnly) {
            refused.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
            throw new StoreException("No space left on device");
        }
    }

    /** How many writes of records of this kind a full disk refused. */
    public int refusedWrites(String kind) {
        AtomicInteger count = refused.get(kind);
        return count == null ? 0 : count.get();
    }

    @Override
    public <T> Optional<Versioned<T>> get(String kind, String id, Class<T> type) {
        check(kind);
        return store.get(kind, id, type);
    }

    @Override
    public <T> Versioned<T> put(String kind, String id, T value, long expectedVersion) {
        maybeFreeze(kind, value);
        checkWrite(kind);
        return written(kind, value, store.put(kind, id, value, expectedVersion));
    }

    @Override
    public <T> List<Versioned<T>> list(String kind, Class<T> type) {
        check(kind);
        return store.list(kind, type);
    }

    @Override
    public <T> List<Versioned<T>> find(String kind, String field, String value, Class<T> type) {
        check(kind);
        return store.find(kind, field, value, type);
    }

    @Override
    public List<String> findDamaged(String kind, String field, String value, Class<?> type) {
        check(kind);
        return store.findDamaged(kind, field, value, type);
    }

    @Override
    public boolean shared() {
        return shared;
    }

    @Override
    public boolean delete(String kind, String id, long expectedVersion) {
        checkWrite(kind);
        return store.delete(kind, id, expectedVersion);
    }

    @Override
    public <T> Versioned<T> put(String kind, String id, T value, long expectedVersion,
                                io.threebot.deployer.spi.Fence fence) {
        maybeFreeze(kind, value);
        checkWrite(kind);
        return written(kind, value, store.put(kind, id, value, expectedVersion, fence));
    }

    private <T> Versioned<T> written(String kind, T value, Versioned<T> written) {
        if (dieAfter.test(kind, value)) {
            dieAfter = (k, v) -> false;
            cut();
        }
        return written;
    }

    @Override
    public boolean delete(String kind, String id, long expectedVersion, io.threebot.deployer.spi.Fence fence) {
        checkWrite(kind);
        return store.delete(kind, id, expectedVersion, fence);
    }
}
