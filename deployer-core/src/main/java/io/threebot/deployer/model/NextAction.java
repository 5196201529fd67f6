package io.threebot.deployer.model;

/** What the grid will do next with a workload. Ordinals are the grid's wire values. */
public enum NextAction {
    CREATE, SIGN, PAY, DEPLOY, DELETE, INVALID, DELETED, MIGRATED;

    /** True once the workload is on its way out or gone. */
    public boolean isGone() {
        return ordinal() > DEPLOY.ordinal();
    }
}
