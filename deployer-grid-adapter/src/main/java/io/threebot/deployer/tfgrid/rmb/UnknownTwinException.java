package io.threebot.deployer.tfgrid.rmb;

import io.threebot.deployer.errors.DeployerException;

/** A request was addressed to a twin that {@link TwinKeys} does not know; nothing was sent. Reason {@link Reason#NOT_FOUND}. */
public final class UnknownTwinException extends DeployerException {
    private final long twin;

    UnknownTwinException(long twin) {
        super("there is no twin " + twin);
        this.twin = twin;
    }

    /** The twin asked for. */
    public long twin() {
        return twin;
    }

    /** {@link Reason#NOT_FOUND}. */
    @Override
    public Reason reason() {
        return Reason.NOT_FOUND;
    }
}
