package io.threebot.deployer.ssh;

/** The server's host key is not the one in the known-hosts file: the deployer refuses to talk to it. */
public class SshHostKeyException extends SshBackupException {
    public SshHostKeyException(String message) {
        super(message);
    }

    public SshHostKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
