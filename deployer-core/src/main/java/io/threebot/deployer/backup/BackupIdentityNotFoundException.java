package io.threebot.deployer.backup;

/** The 3Bot identity is not in the grid's phonebook (HTTP 404 for a web bridge). */
public class BackupIdentityNotFoundException extends BackupException {
    public BackupIdentityNotFoundException(String message) {
        super(message);
    }
}
