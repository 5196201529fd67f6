package io.threebot.deployer.tfgrid.rmb;

import java.util.Map;
import java.util.Optional;

/**
 * Where an {@link RmbClient} finds a peer twin's keys: tfchain's twin records, through a chain client that implements
 * this (caching as it sees fit), or a fixed map. Called before each request is sent, on the client's own threads, never
 * on the thread that reads the relay's websocket; it may block, within the call's deadline.
 */
@FunctionalInterface
public interface TwinKeys {
    /**
     * The twin's keys, or empty when there is no such twin.
     *
     * @throws io.threebot.deployer.errors.DeployerException when they cannot be looked up now
     */
    Optional<TwinKey> find(long twin);

    /** A fixed set of twins. */
    static TwinKeys of(Map<Long, TwinKey> twins) {
        Map<Long, TwinKey> copy = Map.copyOf(twins);
        return twin -> Optional.ofNullable(copy.get(twin));
    }
}
