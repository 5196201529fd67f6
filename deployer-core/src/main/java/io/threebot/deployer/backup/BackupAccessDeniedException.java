package io.threebot.deployer.backup;

/** A new account was asked for without a valid one-time token (HTTP 403 for a web bridge). */
public class BackupAccessDeniedException extends BackupException {
    public BackupAccessDeniedException(String message) {
        super(message);
    }
}
