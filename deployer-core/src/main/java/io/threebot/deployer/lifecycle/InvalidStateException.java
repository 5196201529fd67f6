package io.threebot.deployer.lifecycle;

import io.threebot.deployer.errors.DeployerException.Reason;

/** The 3Bot's state does not allow the operation (stopping a stopped 3Bot, starting a destroyed one). */
public class InvalidStateException extends LifecycleException {
    public InvalidStateException(String message) {
        super(message);
    }

    public InvalidStateException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Reason reason() {
        return Reason.CONFLICT;
    }
}
