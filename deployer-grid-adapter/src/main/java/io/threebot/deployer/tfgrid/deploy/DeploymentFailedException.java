package io.threebot.deployer.tfgrid.deploy;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.grid.GridException;
import java.util.List;

/**
 * A step of a 3Bot's deploy failed: a contract could not be made, the node refused the deployment or did not answer,
 * a workload ended in error, or the workloads were not ready in time. The contracts this attempt had created were
 * cancelled ({@link #cancelledContracts()}); contracts a previous attempt made and this one found are left
 * ({@link #keptContracts()}) for the caller to resume or destroy. Its reason is its cause's when that says more
 * than "unavailable" (a twin that cannot pay: {@link Reason#PAYMENT_REQUIRED}; a name taken: {@link Reason#CONFLICT}),
 * else {@link Reason#UNAVAILABLE}.
 */
public final class DeploymentFailedException extends GridException {
    private final JournalEntry.Step step;
    private final long nodeId;
    private final List<Long> cancelled;
    private final List<Long> kept;
    private final boolean capacityRefused;

    DeploymentFailedException(JournalEntry.Step step, long nodeId, String message, Throwable cause,
            List<Long> cancelled, List<Long> kept, boolean capacityRefused) {
        super(message, cause);
        this.capacityRefused = capacityRefused;
        this.step = step;
        this.nodeId = nodeId;
        this.cancelled = List.copyOf(cancelled);
        this.kept = List.copyOf(kept);
    }

    @Override
    public Reason reason() {
        if (getCause() instanceof DeployerException d && d.reason() != Reason.UNAVAILABLE
                && d.reason() != Reason.INTERNAL) {
            return d.reason();
        }
        return Reason.UNAVAILABLE;
    }

    /** The step that failed. */
    public JournalEntry.Step step() {
        return step;
    }

    /** The node the step ran on, 0 for a name contract. */
    public long nodeId() {
        return nodeId;
    }

    /** The contracts this attempt created and then cancelled. */
    public List<Long> cancelledContracts() {
        return cancelled;
    }

    /**
     * Whether the node refused the VM (or its disk) for lack of capacity, which another node may have: the journal
     * was told first ({@link DeployJournal#capacityRefused}).
     */
    public boolean capacityRefused() {
        return capacityRefused;
    }

    /** The contracts a previous attempt made, which this one found and left. */
    public List<Long> keptContracts() {
        return kept;
    }
}
