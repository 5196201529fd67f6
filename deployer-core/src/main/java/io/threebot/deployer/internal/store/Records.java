package io.threebot.deployer.internal.store;

import io.threebot.deployer.spi.Fence;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreException;
import io.threebot.deployer.spi.Versioned;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** Read-modify-write helpers over a {@link StateStore}. */
public final class Records {
    private static final int MAX_ATTEMPTS = 64;

    private Records() {
    }

    /**
     * Deletes the record at {@code version}; false when it is gone, or changed meanwhile (then it stays, as the
     * newer writer left it).
     */
    public static boolean deleteUnlessChanged(StateStore store, String kind, String id, long version) {
        try {
            return store.delete(kind, id, version);
        } catch (StaleVersionException e) {
            return false;
        }
    }

    /**
     * Applies {@code change} to the current value (or {@code initial} when absent), retrying on a stale version. A
     * change that returns an equal value writes nothing.
     */
    public static <T> Versioned<T> upsert(StateStore store, String kind, String id, Class<T> type, T initial,
                                          UnaryOperator<T> change) {
        return update(store, kind, id, type, () -> initial, Optional.empty(), change);
    }

    /** {@link #upsert}, each write fenced by {@code fence} (when present) rather than the calling thread's. */
    public static <T> Versioned<T> upsert(StateStore store, String kind, String id, Class<T> type, T initial,
                                          Optional<Fence> fence, UnaryOperator<T> change) {
        return update(store, kind, id, type, () -> initial, fence, change);
    }

    /**
     * Like {@link #upsert} for a record that must exist: {@code missing} gives the exception to throw when it does
     * not.
     */
    public static <T> Versioned<T> updateExisting(StateStore store, String kind, String id, Class<T> type,
                                                  Supplier<? extends RuntimeException> missing,
                                                  UnaryOperator<T> change) {
        return update(store, kind, id, type, () -> {
            throw missing.get();
        }, Optional.empty(), change);
    }

    private static <T> Versioned<T> update(StateStore store, String kind, String id, Class<T> type,
                                           Supplier<T> initial, Optional<Fence> fence, UnaryOperator<T> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            var current = store.get(kind, id, type);
            T base = current.isPresent() ? current.get().value() : initial.get();
            long version = current.map(Versioned::version).orElse(StateStore.NEW);
            T next = change.apply(base);
            if (current.isPresent() && next.equals(base)) {
                return current.get();
            }
            try {
                return fence.isPresent() ? store.put(kind, id, next, version, fence.get())
                        : store.put(kind, id, next, version);
            } catch (StaleVersionException e) {
                // another writer came first: back off a random moment so contending writers spread out, read again
                backOff(attempt);
            }
        }
        throw new StoreException("record " + kind + "/" + id + " keeps changing; gave up after " + MAX_ATTEMPTS
                + " attempts");
    }

    private static void backOff(int attempt) {
        long maxMicros = 50L << Math.min(attempt, 6);
        try {
            TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextLong(maxMicros));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while updating a record", e);
        }
    }
}
