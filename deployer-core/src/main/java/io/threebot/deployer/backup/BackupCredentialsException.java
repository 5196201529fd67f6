package io.threebot.deployer.backup;

import io.threebot.deployer.errors.DeployerException.Reason;

/** The password is not the account's, or was not sealed by the 3Bot's key (HTTP 400 for a web bridge). */
public class BackupCredentialsException extends BackupException {
    public BackupCredentialsException(String message) {
        super(message);
    }

    @Override
    public Reason reason() {
        return Reason.INVALID_INPUT;
    }
}
