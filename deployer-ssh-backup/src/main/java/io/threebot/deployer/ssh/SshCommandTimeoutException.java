package io.threebot.deployer.ssh;

/** A remote command did not finish within the command timeout. */
public class SshCommandTimeoutException extends SshBackupException {
    public SshCommandTimeoutException(String message) {
        super(message);
    }

    public SshCommandTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
