package io.threebot.deployer.grid;

/** The grid already holds an object with the same name or key. */
public class GridConflictException extends GridException {
    public GridConflictException(String message) {
        super(message);
    }

    public GridConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
