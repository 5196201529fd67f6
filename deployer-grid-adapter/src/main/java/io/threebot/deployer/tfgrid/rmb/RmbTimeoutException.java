package io.threebot.deployer.tfgrid.rmb;

import io.threebot.deployer.errors.DeployerException;

/** No reply came for an RMB request before its deadline. Reason {@link Reason#UNAVAILABLE}. */
public final class RmbTimeoutException extends DeployerException {
    RmbTimeoutException(String message) {
        super(message);
    }

    /** {@link Reason#UNAVAILABLE}. */
    @Override
    public Reason reason() {
        return Reason.UNAVAILABLE;
    }
}
