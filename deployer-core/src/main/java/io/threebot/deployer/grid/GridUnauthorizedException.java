package io.threebot.deployer.grid;

/** The grid refused the caller's signature or ownership. */
public class GridUnauthorizedException extends GridException {
    public GridUnauthorizedException(String message) {
        super(message);
    }

    public GridUnauthorizedException(String message, Throwable cause) {
        super(message, cause);
    }
}
