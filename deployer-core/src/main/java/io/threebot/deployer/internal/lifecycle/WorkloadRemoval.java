package io.threebot.deployer.internal.lifecycle;

import static io.threebot.deployer.internal.lifecycle.OperationRules.deploymentOf;

import io.threebot.deployer.grid.GridException;
import io.threebot.deployer.internal.deploy.Saga;
import io.threebot.deployer.internal.deploy.ThreebotRepository;
import io.threebot.deployer.internal.deploy.WorkloadDeployer;
import io.threebot.deployer.internal.grid.Futures;
import io.threebot.deployer.internal.grid.WorkloadWatcher;
import io.threebot.deployer.lifecycle.LifecycleException;
import io.threebot.deployer.lifecycle.OperationTimeoutException;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.GridIdentity;
import io.threebot.deployer.spi.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a 3Bot's workloads off the grid: all of them to stop it (waiting for the grid to confirm, all at once), or
 * the container and network of a deployment another one replaced, and the network resources its deployment journal
 * lists. Nothing is waited for longer than the deployer's {@code stopTimeout}.
 */
final class WorkloadRemoval {
    private static final Logger LOG = LoggerFactory.getLogger(WorkloadRemoval.class);

    private final GridClient grid;
    private final WorkloadWatcher watcher;
    private final Duration stopTimeout;
    private final ThreebotRepository threebots;
    private final StateStore store;
    private final Clock clock;
    private final OwnerAccess access;

    /** @param stopTimeout how long the grid has to confirm each removal */
    WorkloadRemoval(GridClient grid, WorkloadWatcher watcher, Duration stopTimeout, ThreebotRepository threebots,
                    StateStore store, Clock clock, OwnerAccess access) {
        this.grid = grid;
        this.watcher = watcher;
        this.stopTimeout = stopTimeout;
        this.threebots = threebots;
        this.store = store;
        this.clock = clock;
        this.access = access;
    }

    /**
     * The 3Bot, stopped first if it runs, for an operation that deploys it again.
     *
     * @throws OperationTimeoutException when the grid does not confirm the removal in time
     */
    Threebot runnable(Threebot threebot, String password) {
        return threebot.state().isLive() ? stopped(threebot, access.identity(threebot, password)) : threebot;
    }

    /** Decommissions the 3Bot's subdomain, proxy and container and waits for all of them at once. */
    Threebot stopped(Threebot threebot, GridIdentity identity) {
        List<CompletableFuture<Workload>> removals = new ArrayList<>();
        try {
            for (Workload w : grid.getWorkloads(threebot.workloadIds())) {
                if (!w.nextAction().isGone()) {
                    grid.decommission(w.id(), identity);
                }
                removals.add(watcher.awaitDeletion(w.id(), w.type(), w.nodeId(), stopTimeout));
            }
            for (CompletableFuture<Workload> removal : removals) {
                Futures.await(removal);
            }
        } catch (GridException e) {
            throw new OperationTimeoutException("3Bot '" + threebot.name() + "' could not be stopped: "
                    + e.getMessage() + ". It stays " + threebot.state() + "; try again later.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LifecycleException("Interrupted while stopping 3Bot '" + threebot.name() + "'.", e);
        }
        return threebots.update(threebot.uuid(), t -> t.withState(ThreebotState.STOPPED));
    }

    /**
     * Removes a container the 3Bot no longer runs on, and its network, leaving the gateway workloads it shares with
     * the container that replaces it.
     */
    void retire(Threebot threebot, GridIdentity identity) throws InterruptedException {
        long container = threebot.workloadIds().get(2);
        try {
            grid.decommission(container, identity);
            Futures.await(watcher.awaitDeletion(container, WorkloadType.CONTAINER, threebot.nodeId(),
                    stopTimeout));
        } catch (GridException e) {
            LOG.warn("Container {} of 3Bot {} could not be removed now: {}", container, threebot.uuid(),
                    e.getMessage());
        }
        removeNetwork(threebot, identity);
    }

    /** Removes the network resources the 3Bot's deployment created; a failure is left for a later try. */
    void removeNetwork(Threebot threebot, GridIdentity identity) {
        Saga saga = Saga.open(store, deploymentOf(threebot), threebot.owner(), threebot.name(), clock);
        for (String key : saga.keysNewestFirst(WorkloadDeployer.PREFIX + "network-")) {
            saga.done(key, Long.class).ifPresent(id -> {
                try {
                    grid.decommission(id, identity);
                    saga.markCompensated(key);
                } catch (GridException e) {
                    // left in the journal for the next stop or destroy
                }
            });
        }
    }
}
