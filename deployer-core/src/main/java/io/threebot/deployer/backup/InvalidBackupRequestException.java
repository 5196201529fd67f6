package io.threebot.deployer.backup;

import io.threebot.deployer.errors.DeployerException.Reason;

/** The request is malformed: a bad 3Bot name, a missing token, a password that is not base64 (HTTP 400). */
public class InvalidBackupRequestException extends BackupException {
    public InvalidBackupRequestException(String message) {
        super(message);
    }

    @Override
    public Reason reason() {
        return Reason.INVALID_INPUT;
    }
}
