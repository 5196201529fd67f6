package io.threebot.deployer.ssh;

import io.threebot.deployer.errors.DeployerException;

/** Root of the SSH backup adapter's errors. */
public class SshBackupException extends DeployerException {
    public SshBackupException(String message) {
        super(message);
    }

    public SshBackupException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Reason reason() {
        return Reason.UNAVAILABLE;
    }
}
