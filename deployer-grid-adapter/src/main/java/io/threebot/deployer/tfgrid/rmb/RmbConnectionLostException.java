package io.threebot.deployer.tfgrid.rmb;

import io.threebot.deployer.errors.DeployerException;

/**
 * The connection to the relay broke (or the client was closed) after the request went out and before its reply came:
 * the peer may or may not have carried it out. The request is never sent again by the client; a caller may repeat an
 * idempotent read, and must find out what became of anything else (a deployment sent, say) before repeating it.
 * Reason {@link Reason#UNAVAILABLE}.
 */
public final class RmbConnectionLostException extends DeployerException {
    RmbConnectionLostException(String message) {
        super(message);
    }

    /** {@link Reason#UNAVAILABLE}. */
    @Override
    public Reason reason() {
        return Reason.UNAVAILABLE;
    }
}
