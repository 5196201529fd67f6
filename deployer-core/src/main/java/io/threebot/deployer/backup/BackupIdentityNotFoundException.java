package io.threebot.deployer.backup;

import io.threebot.deployer.errors.DeployerException.Reason;

/** The 3Bot identity is not in the grid's phonebook (HTTP 404 for a web bridge). */
public class BackupIdentityNotFoundException extends BackupException {
    public BackupIdentityNotFoundException(String message) {
        super(message);
    }

    @Override
    public Reason reason() {
        return Reason.NOT_FOUND;
    }
}
