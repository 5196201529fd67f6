package io.threebot.deployer.tfgrid.rmb;

import io.threebot.deployer.errors.DeployerException;

/**
 * The request never left this client: no connection to a relay came up before its deadline, or the client was closed
 * first. Nothing happened at the peer, so the request may be made again. Reason {@link Reason#UNAVAILABLE}.
 */
public final class RmbNotSentException extends DeployerException {
    RmbNotSentException(String message) {
        super(message);
    }

    /** {@link Reason#UNAVAILABLE}. */
    @Override
    public Reason reason() {
        return Reason.UNAVAILABLE;
    }
}
