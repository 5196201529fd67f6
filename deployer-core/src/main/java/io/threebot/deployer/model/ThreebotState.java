package io.threebot.deployer.model;

/** Lifecycle state of a 3Bot as its owner sees it. */
public enum ThreebotState {
    /** Workloads are up and the 3Bot answers. */
    RUNNING,
    /** Workloads were removed (by the owner, or the pool ran dry); backups are kept. */
    STOPPED,
    /** Workloads and backups were removed. */
    DELETED,
    /** Workloads are up but the 3Bot does not answer. */
    ERROR;

    /** True while the 3Bot's workloads are up on the grid (RUNNING or ERROR). */
    public boolean isLive() {
        return this == RUNNING || this == ERROR;
    }
}
