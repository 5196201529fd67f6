package io.threebot.deployer.grid;

/** The grid has no such object. */
public class GridNotFoundException extends GridException {
    public GridNotFoundException(String message) {
        super(message);
    }

    public GridNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
