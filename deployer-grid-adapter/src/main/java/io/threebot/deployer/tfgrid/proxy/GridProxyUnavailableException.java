package io.threebot.deployer.tfgrid.proxy;

/**
 * The gridproxy could not be reached (refused, reset or timed-out connections) through every attempt the client
 * allows, or the call was interrupted. Reason {@link Reason#UNAVAILABLE}: worth trying again later. (A proxy that
 * answers, but with 502, 503 or 504 at every attempt, ends in a {@link GridProxyErrorException} with its text.)
 */
public class GridProxyUnavailableException extends GridProxyException {
    GridProxyUnavailableException(String message) {
        super(message);
    }

    GridProxyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
