package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.model.Workload;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.GridIdentity;
import io.threebot.deployer.spi.StateStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes back a workload that a runner sent after it had lost its deployment's lease (it was paused between its
 * check of the lease and the send, and another instance made the same send meanwhile). The workload's reference
 * names its deployment and journal key; the one that the deployment's journal records as its own (the runner that
 * holds the deployment now found it on the grid, or sent it) stays, any other live one under that reference is
 * removed.
 */
public final class StrayWorkloads {
    private static final Logger LOG = LoggerFactory.getLogger(StrayWorkloads.class);

    /**
     * After a send that did not answer, the pauses before the grid's workloads are listed again (7.5 s in all): its
     * request may have been on its way when the runner gave up (its process paused inside the call, its deadline
     * passed on waking), and a busy grid then makes the workload a moment after the first listing. The runner lost
     * its work, so waiting costs it nothing; a shutdown stops the looking.
     */
    static final List<Duration> LATE_SEND_CHECKS = List.of(Duration.ofMillis(100), Duration.ofMillis(400),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));

    private final StateStore store;
    private final GridClient grid;
    private final Sleeper sleeper;

    public StrayWorkloads(StateStore store, GridClient grid) {
        this(store, grid, Sleeper.THREAD);
    }

    StrayWorkloads(StateStore store, GridClient grid, Sleeper sleeper) {
        this.store = Objects.requireNonNull(store, "store");
        this.grid = Objects.requireNonNull(grid, "grid");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Removes what a runner that lost its lease sent as {@code draft}: the workload {@code id} when the call
     * answered (null when it failed, an interrupted request say, which may have reached the grid all the same: the
     * grid is then listed again over the next {@link #LATE_SEND_CHECKS}), and any other live workload under the same
     * reference, unless the deployment's journal took it as its own.
     */
    public void takeBack(Workload draft, Long id, GridIdentity customer) {
        String reference = draft.reference();
        int slash = reference.indexOf('/');
        String deploymentId = slash > 0 ? reference.substring(0, slash) : "";
        String journalKey = slash > 0 ? WorkloadDeployer.PREFIX + reference.substring(slash + 1) : "";
        Set<Long> sent = new TreeSet<>();
        if (id != null) {
            sent.add(id);
        }
        sent.addAll(WorkloadDeployer.liveUnder(grid, customer.tid(), reference));
        if (id == null) {
            for (Duration pause : LATE_SEND_CHECKS) {
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // shutting down: whoever resumes finds it by its reference
                    break;
                }
                sent.addAll(WorkloadDeployer.liveUnder(grid, customer.tid(), reference));
            }
        }
        if (sent.isEmpty()) {
            LOG.info("A runner that had lost its lease sent {}; the grid shows nothing live under it", reference);
        }
        for (long workload : sent) {
            if (slash > 0 && adopted(deploymentId, journalKey, workload)) {
                continue;
            }
            LOG.warn("Workload {} ({}) was sent by a runner that had lost its lease; removing it", workload, reference);
            grid.decommission(workload, customer);
        }
    }

    private boolean adopted(String deploymentId, String journalKey, long id) {
        return store.get(DeploymentJournal.KIND, deploymentId, DeploymentJournal.class)
                .map(j -> j.value().entries().get(journalKey))
                .filter(e -> e.status() == JournalEntry.Status.DONE && e.value() != null && e.value().asLong() == id)
                .isPresent();
    }
}
