package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.model.Workload;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.GridIdentity;
import io.threebot.deployer.spi.StateStore;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes back a workload that a runner sent after it had lost its deployment's lease (it was paused between its
 * check of the lease and the send, and another instance made the same send meanwhile). The workload's reference
 * names its deployment and journal key; one that the deployment's journal records as its own (the runner that
 * holds the deployment now found it on the grid and took it) stays, any other is removed.
 */
public final class StrayWorkloads {
    private static final Logger LOG = LoggerFactory.getLogger(StrayWorkloads.class);

    private final StateStore store;
    private final GridClient grid;

    public StrayWorkloads(StateStore store, GridClient grid) {
        this.store = Objects.requireNonNull(store, "store");
        this.grid = Objects.requireNonNull(grid, "grid");
    }

    /** Removes workload {@code id}, sent as {@code draft}, unless its deployment's journal took it as its own. */
    public void takeBack(Workload draft, long id, GridIdentity customer) {
        String reference = draft.reference();
        int slash = reference.indexOf('/');
        if (slash > 0 && adopted(reference.substring(0, slash), WorkloadDeployer.PREFIX
                + reference.substring(slash + 1), id)) {
            return;
        }
        LOG.warn("Workload {} ({}) was sent by a runner that had lost its lease; removing it", id, reference);
        grid.decommission(id, customer);
    }

    private boolean adopted(String deploymentId, String journalKey, long id) {
        return store.get(DeploymentJournal.KIND, deploymentId, DeploymentJournal.class)
                .map(j -> j.value().entries().get(journalKey))
                .filter(e -> e.status() == JournalEntry.Status.DONE && e.value() != null && e.value().asLong() == id)
                .isPresent();
    }
}
