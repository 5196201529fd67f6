package io.threebot.deployer.backup;

import io.threebot.deployer.errors.DeployerException.Reason;

/** A new account was asked for without a valid one-time token (HTTP 403 for a web bridge). */
public class BackupAccessDeniedException extends BackupException {
    public BackupAccessDeniedException(String message) {
        super(message);
    }

    @Override
    public Reason reason() {
        return Reason.FORBIDDEN;
    }
}
