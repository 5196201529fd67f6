package io.threebot.deployer.tfgrid.chain;

/**
 * The chain node answered with something this client refuses: not JSON-RPC, larger than the client accepts, a
 * result of the wrong shape, or bytes that are not a value of the type the runtime metadata declares. The connection
 * it came on is closed when the stream itself is at fault. Reason {@link Reason#UNAVAILABLE}.
 */
public final class ChainProtocolException extends ChainException {
    ChainProtocolException(String message) {
        super(message);
    }

    ChainProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
