package io.threebot.deployer.tfgrid.proxy;

import io.threebot.deployer.grid.GridException;

/**
 * Root of the gridproxy client's errors: a grid error like any other to the rest of the deployer (reason
 * {@link Reason#UNAVAILABLE} unless a subclass says otherwise). Messages name the method and path asked, never more of
 * the answer than the proxy's own error text.
 */
public class GridProxyException extends GridException {
    GridProxyException(String message) {
        super(message);
    }

    GridProxyException(String message, Throwable cause) {
        super(message, cause);
    }
}
