package io.threebot.deployer.tfgrid.chain;

import io.threebot.deployer.errors.DeployerException;

/**
 * A runtime metadata blob that cannot be read (not v14, malformed), or a name that it does not have (a pallet,
 * call, storage entry, event or error), or a runtime feature this client does not speak (an unknown signed
 * extension that carries data). Reason {@link Reason#INVALID_INPUT}.
 */
public class MetadataException extends DeployerException {
    public MetadataException(String message) {
        super(message);
    }

    public MetadataException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@link Reason#INVALID_INPUT}. */
    @Override
    public Reason reason() {
        return Reason.INVALID_INPUT;
    }
}
