package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.grid.GridException;
import io.threebot.deployer.internal.grid.WorkloadWatcher;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.model.WorkloadSpec;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.GridIdentity;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends workloads through a deployment's journal. Each carries its journal key as the grid's {@code reference},
 * so a send cut short is found on the grid again rather than sent twice.
 */
public final class WorkloadDeployer {
    /** Journal keys of workloads start with this. */
    public static final String PREFIX = "wl:";
    private static final Logger LOG = LoggerFactory.getLogger(WorkloadDeployer.class);

    private final GridClient grid;
    private final WorkloadWatcher watcher;
    private final Clock clock;
    private final Duration timeout;

    public WorkloadDeployer(GridClient grid, WorkloadWatcher watcher, Clock clock, Duration timeout) {
        this.grid = grid;
        this.watcher = watcher;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Sends the workload once; returns its id, journaled. */
    public long deploy(Saga saga, String key, GridIdentity identity, String nodeId, long poolId, String metadata,
                       WorkloadSpec spec) {
        return deploy(saga, key, identity, nodeId, poolId, metadata, spec, true);
    }

    /**
     * Sends the workload once, when the caller sends another at once ({@link #deploy}): its id is journaled with the
     * next one's intent ({@link Saga#stepWithNext}).
     */
    public long deployBeforeNext(Saga saga, String key, GridIdentity identity, String nodeId, long poolId,
                                 String metadata, WorkloadSpec spec) {
        return deploy(saga, key, identity, nodeId, poolId, metadata, spec, false);
    }

    private long deploy(Saga saga, String key, GridIdentity identity, String nodeId, long poolId, String metadata,
                        WorkloadSpec spec, boolean writeOutcome) {
        String reference = saga.id() + "/" + key;
        Supplier<Optional<Long>> recover = () -> find(identity.tid(), reference);
        Supplier<Long> send = () -> grid.deployWorkload(Workload.draft(nodeId, poolId, reference, metadata,
                clock.instant(), spec), identity);
        return writeOutcome ? saga.step(PREFIX + key, Long.class, recover, send)
                : saga.stepWithNext(PREFIX + key, Long.class, recover, send);
    }

    public CompletableFuture<Workload> awaitOk(long workloadId, WorkloadType type, String nodeId) {
        return watcher.awaitOk(workloadId, type, nodeId, timeout);
    }

    /**
     * Removes what the journal holds under {@code journalKey} (a key starting with {@link #PREFIX}), if anything,
     * and marks it compensated. Returns false when the grid could not be told; the entry then stays for a later try.
     */
    public boolean remove(Saga saga, String journalKey, GridIdentity identity) {
        Optional<Long> workloadId = saga.done(journalKey, Long.class)
                .or(() -> find(identity.tid(), saga.id() + "/" + journalKey.substring(PREFIX.length())));
        try {
            workloadId.ifPresent(id -> grid.decommission(id, identity));
            saga.markCompensated(journalKey);
            return true;
        } catch (GridException e) {
            LOG.warn("Could not remove workload {} of deployment {}: {}", workloadId.orElse(0L), saga.id(),
                    e.getMessage());
            return false;
        }
    }

    private Optional<Long> find(long customerTid, String reference) {
        return liveUnder(grid, customerTid, reference).stream().findFirst();
    }

    /** The ids of the customer's workloads on {@code grid} under {@code reference} that are not on their way out. */
    static List<Long> liveUnder(GridClient grid, long customerTid, String reference) {
        return grid.listWorkloads(customerTid).stream()
                .filter(w -> w.reference().equals(reference) && !w.nextAction().isGone())
                .map(Workload::id).toList();
    }
}
