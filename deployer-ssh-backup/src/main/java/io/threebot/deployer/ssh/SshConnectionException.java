package io.threebot.deployer.ssh;

/** The server could not be reached, or refused the login, or dropped the connection. */
public class SshConnectionException extends SshBackupException {
    public SshConnectionException(String message) {
        super(message);
    }

    public SshConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
