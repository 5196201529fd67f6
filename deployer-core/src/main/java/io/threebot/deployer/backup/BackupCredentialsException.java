package io.threebot.deployer.backup;

/** The password is not the account's, or was not sealed by the 3Bot's key (HTTP 400 for a web bridge). */
public class BackupCredentialsException extends BackupException {
    public BackupCredentialsException(String message) {
        super(message);
    }
}
