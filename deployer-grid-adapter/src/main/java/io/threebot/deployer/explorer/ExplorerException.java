package io.threebot.deployer.explorer;

import io.threebot.deployer.grid.GridException;

/** Root of the explorer adapter's errors; a grid error like any other to the rest of the deployer. */
public class ExplorerException extends GridException {
    public ExplorerException(String message) {
        super(message);
    }

    public ExplorerException(String message, Throwable cause) {
        super(message, cause);
    }
}
