package io.threebot.deployer.lifecycle;

import io.threebot.deployer.errors.DeployerException.Reason;

/** The backup servers could not remove the 3Bot's backups; it is stopped, not destroyed. */
public class BackupRemovalException extends LifecycleException {
    public BackupRemovalException(String message) {
        super(message);
    }

    public BackupRemovalException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Reason reason() {
        return Reason.UNAVAILABLE;
    }
}
