package io.threebot.deployer.backup;

import io.threebot.deployer.errors.DeployerException;

/** Root of the backup service's errors: what a 3Bot asking for its backup account is told. */
public class BackupException extends DeployerException {
    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
