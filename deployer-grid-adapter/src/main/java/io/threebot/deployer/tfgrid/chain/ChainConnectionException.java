package io.threebot.deployer.tfgrid.chain;

/**
 * The chain node cannot be reached, or the connection to it closed (or was closed) while a call waited. A read may be
 * tried again; the client does so once by itself on a new connection. Reason {@link Reason#UNAVAILABLE}.
 */
public final class ChainConnectionException extends ChainException {
    ChainConnectionException(String message) {
        super(message);
    }

    ChainConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
