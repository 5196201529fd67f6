package io.threebot.deployer.lifecycle;

import io.threebot.deployer.errors.DeployerException.Reason;

/** The recovery password is not the 3Bot's. */
public class WrongPasswordException extends LifecycleException {
    public WrongPasswordException(String message) {
        super(message);
    }

    public WrongPasswordException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Reason reason() {
        return Reason.FORBIDDEN;
    }
}
