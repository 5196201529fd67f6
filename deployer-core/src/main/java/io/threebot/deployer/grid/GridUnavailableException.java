package io.threebot.deployer.grid;

/** The grid could not be reached or did not answer in time. */
public class GridUnavailableException extends GridException {
    public GridUnavailableException(String message) {
        super(message);
    }

    public GridUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
