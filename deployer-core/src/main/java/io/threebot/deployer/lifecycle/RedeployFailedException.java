package io.threebot.deployer.lifecycle;

import io.threebot.deployer.errors.DeployerException.Reason;

/** Deploying the 3Bot again failed; what the attempt created was removed. */
public class RedeployFailedException extends LifecycleException {
    public RedeployFailedException(String message) {
        super(message);
    }

    public RedeployFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Reason reason() {
        return Reason.UNAVAILABLE;
    }
}
