package io.threebot.deployer.tfgrid.proxy;

/**
 * The gridproxy could not be reached (refused or reset connections), or kept failing with 502, 503 or 504 through
 * every attempt the client allows. Reason {@link Reason#UNAVAILABLE}: worth trying again later.
 */
public class GridProxyUnavailableException extends GridProxyException {
    GridProxyUnavailableException(String message) {
        super(message);
    }

    GridProxyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
