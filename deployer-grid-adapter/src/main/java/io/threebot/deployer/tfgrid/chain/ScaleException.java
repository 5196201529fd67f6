package io.threebot.deployer.tfgrid.chain;

import io.threebot.deployer.errors.DeployerException;

/**
 * Bytes that are not valid SCALE for the type read (truncated, over-long, a bad enum index or length), or a value
 * that does not fit the type it is encoded as. Reason {@link Reason#INVALID_INPUT}.
 */
public class ScaleException extends DeployerException {
    public ScaleException(String message) {
        super(message);
    }

    public ScaleException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@link Reason#INVALID_INPUT}. */
    @Override
    public Reason reason() {
        return Reason.INVALID_INPUT;
    }
}
