package io.threebot.deployer.grid;

import io.threebot.deployer.errors.DeployerException;

/** A grid call failed. Subclasses say why; plain instances are failures worth retrying later. */
public class GridException extends DeployerException {
    public GridException(String message) {
        super(message);
    }

    public GridException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Reason reason() {
        return Reason.UNAVAILABLE;
    }
}
