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

    /** A journal that keeps nothing. */
    static DeployJournal none() {
        return entry -> {
        };
    }
}
