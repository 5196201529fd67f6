package io.threebot.deployer.ssh;

import io.threebot.deployer.errors.DeployerException.Reason;

/** A backup configuration file that cannot be read, or holds a missing or wrong value. */
public class SshBackupConfigException extends SshBackupException {
    public SshBackupConfigException(String message) {
        super(message);
    }

    public SshBackupConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Reason reason() {
        return Reason.INVALID_INPUT;
    }
}
