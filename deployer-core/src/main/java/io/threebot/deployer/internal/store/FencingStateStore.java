package io.threebot.deployer.internal.store;

import io.threebot.deployer.spi.Fence;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The store as the deployer's own code sees it: a write made by work that runs under a lease ({@link FenceScope}) is
 * fenced by that lease, so a runner that lost its lease can no longer change a journal, a 3Bot, a payment or a name.
 * Lease records themselves are written as they are, by compare-and-set.
 */
public final class FencingStateStore implements StateStore {
    private final StateStore store;

    public FencingStateStore(StateStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The store below, unfenced: the host's own. */
    public StateStore unfenced() {
        return store;
    }

    @Override
    public <T> Optional<Versioned<T>> get(String kind, String id, Class<T> type) {
        return store.get(kind, id, type);
    }

    @Override
    public <T> Versioned<T> put(String kind, String id, T value, long expectedVersion) {
        Optional<Fence> fence = fenceFor(kind);
        return fence.isPresent() ? store.put(kind, id, value, expectedVersion, fence.get())
                : store.put(kind, id, value, expectedVersion);
    }

    @Override
    public <T> List<Versioned<T>> list(String kind, Class<T> type) {
        return store.list(kind, type);
    }

    @Override
    public <T> List<Versioned<T>> find(String kind, String field, String value, Class<T> type) {
        return store.find(kind, field, value, type);
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
        Optional<Fence> fence = fenceFor(kind);
        return fence.isPresent() ? store.delete(kind, id, expectedVersion, fence.get())
                : store.delete(kind, id, expectedVersion);
    }

    @Override
    public <T> Versioned<T> put(String kind, String id, T value, long expectedVersion, Fence fence) {
        return store.put(kind, id, value, expectedVersion, fence);
    }

    @Override
    public boolean delete(String kind, String id, long expectedVersion, Fence fence) {
        return store.delete(kind, id, expectedVersion, fence);
    }

    private static Optional<Fence> fenceFor(String kind) {
        return kind.equals(Fence.LEASE_KIND) ? Optional.empty() : FenceScope.current();
    }
}
