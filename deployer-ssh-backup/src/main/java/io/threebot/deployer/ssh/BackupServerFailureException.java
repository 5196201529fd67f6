package io.threebot.deployer.ssh;

import java.util.List;

/** A change that failed on one or more backup servers; the message says what each server holds now. */
public class BackupServerFailureException extends SshBackupException {
    private final List<String> failedServers;

    public BackupServerFailureException(String message, List<String> failedServers, Throwable cause) {
        super(message, cause);
        this.failedServers = List.copyOf(failedServers);
    }

    /** The names of the servers the change failed on. */
    public List<String> failedServers() {
        return failedServers;
    }
}
