package io.threebot.deployer.lifecycle;

import io.threebot.deployer.errors.DeployerException.Reason;

/** No 3Bot has this id. */
public class ThreebotNotFoundException extends LifecycleException {
    public ThreebotNotFoundException(String message) {
        super(message);
    }

    public ThreebotNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Reason reason() {
        return Reason.NOT_FOUND;
    }
}
