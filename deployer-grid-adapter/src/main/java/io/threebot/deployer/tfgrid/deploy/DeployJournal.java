package io.threebot.deployer.tfgrid.deploy;

/**
 * Where a deploy reports what it made, step by step, for the caller to persist. When it throws, the deploy stops
 * where it is and cancels nothing, as after a crash: the caller could not record what exists, and a resume finds it
 * on the grid by deployment hash and name.
 */
@FunctionalInterface
public interface DeployJournal {
    /** Records an entry; called on the deploying thread, in order. */
    void record(JournalEntry entry);

    /**
     * The node refused the VM for lack of capacity: called before the attempt cancels what it created, on the
     * deploying thread, so that the caller can persist that this placement failed before anything is undone (and a
     * resume then places the VM elsewhere instead of trying that node again). When it throws, the deploy stops where
     * it is and cancels nothing, as {@link #record} does. Does nothing unless overridden.
     *
     * @param nodeId the node that refused
     * @param reason what the node said
     */
    default void capacityRefused(long nodeId, String reason) {
    }

    /** A journal that keeps nothing. */
    static DeployJournal none() {
        return entry -> {
        };
    }
}
