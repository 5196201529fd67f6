package io.threebot.deployer.tfgrid.chain;

import io.threebot.deployer.grid.GridException;

/**
 * Root of the tfchain client's errors: a grid error like any other to the rest of the deployer. Subclasses say what
 * went wrong (no answer in time, no connection, a malformed answer, an extrinsic refused, failed or of unknown
 * outcome); plain instances do not occur. Reason {@link Reason#UNAVAILABLE} unless a subclass says otherwise.
 */
public class ChainException extends GridException {
    ChainException(String message) {
        super(message);
    }

    ChainException(String message, Throwable cause) {
        super(message, cause);
    }
}
