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
    ERROR
}
