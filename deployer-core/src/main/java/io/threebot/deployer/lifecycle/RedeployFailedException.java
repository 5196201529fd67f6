package io.threebot.deployer.lifecycle;

/** Deploying the 3Bot again failed; what the attempt created was removed. */
public class RedeployFailedException extends LifecycleException {
    public RedeployFailedException(String message) {
        super(message);
    }

    public RedeployFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
