package io.threebot.deployer.lifecycle;

import io.threebot.deployer.errors.DeployerException;

/** An operation on a deployed 3Bot could not be done; the message says why and what the store now holds. */
public class LifecycleException extends DeployerException {
    public LifecycleException(String message) {
        super(message);
    }

    public LifecycleException(String message, Throwable cause) {
        super(message, cause);
    }
}
