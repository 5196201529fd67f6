package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.model.Workload;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.GridIdentity;
import io.threebot.deployer.spi.StateStore;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes back a workload that a runner sent after it had lost its deployment's lease (it was paused between its
 * check of the lease and the send, and another instance made the same send meanwhile). The workload's reference
 * names its deployment and journal key; the one that the deployment's journal records as its own (the runner that
 * holds the deployment now found it on the grid, or sent it) stays, any other live one under that reference is
 * removed.
 *
 * <p>A call that failed (an interrupted request, say) has an unknown outcome, and its request may reach the grid only
 * after the failure was seen (the HTTP client gives up waiting while the request is still on its way): the grid is
 * looked at again after each of the {@link #UNKNOWN_OUTCOME_LOOKS} pauses, so what arrives late is taken back too.
 */
public final class StrayWorkloads {
    /** The pauses before looking again for what a failed call may still have made. */
    public static final List<Duration> UNKNOWN_OUTCOME_LOOKS =
            List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    private static final Logger LOG = LoggerFactory.getLogger(StrayWorkloads.class);

    private final StateStore store;
    private final GridClient grid;
    private final List<Duration> looksAgain;

    public StrayWorkloads(StateStore store, GridClient grid) {
        this(store, grid, UNKNOWN_OUTCOME_LOOKS);
    }

    /** With other pauses before looking again after a failed call (tests). */
    public StrayWorkloads(StateStore store, GridClient grid, List<Duration> looksAgain) {
        this.store = Objects.requireNonNull(store, "store");
        this.grid = Objects.requireNonNull(grid, "grid");
        this.looksAgain = List.copyOf(looksAgain);
    }

    /**
     * Removes what a runner that lost its lease sent as {@code draft}: the workload {@code id} when the call
     * answered (null when it failed, an interrupted request say, which may have reached the grid all the same), and
     * any other live workload under the same reference, unless the deployment's journal took it as its own.
     */
    public void takeBack(Workload draft, Long id, GridIdentity customer) {
        Set<Long> removed = new HashSet<>();
        takeBackOnce(draft, id, customer, removed);
        if (id != null) {
            return;
        }
        for (Duration pause : looksAgain) {
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            takeBackOnce(draft, null, customer, removed);
        }
    }

    private void takeBackOnce(Workload draft, Long id, GridIdentity customer, Set<Long> removed) {
        String reference = draft.reference();
        int slash = reference.indexOf('/');
        String deploymentId = slash > 0 ? reference.substring(0, slash) : "";
        String journalKey = slash > 0 ? WorkloadDeployer.PREFIX + reference.substring(slash + 1) : "";
        java.util.Set<Long> sent = new java.util.TreeSet<>();
        if (id != null) {
            sent.add(id);
        }
        grid.listWorkloads(customer.tid()).stream()
                .filter(w -> w.reference().equals(reference) && !w.nextAction().isGone())
                .forEach(w -> sent.add(w.id()));
        for (long workload : sent) {
            if (removed.contains(workload) || slash > 0 && adopted(deploymentId, journalKey, workload)) {
                continue;
            }
            removed.add(workload);
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
