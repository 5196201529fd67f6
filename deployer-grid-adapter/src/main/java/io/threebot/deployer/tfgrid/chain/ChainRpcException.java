package io.threebot.deployer.tfgrid.chain;

/**
 * The chain node answered a call with a JSON-RPC error object: its code, message and data, as the node wrote them.
 * Reason {@link Reason#UNAVAILABLE}.
 */
public final class ChainRpcException extends ChainException {
    private final long code;
    private final String remoteMessage;
    private final String data;

    ChainRpcException(String method, long code, String remoteMessage, String data) {
        super("the chain node refused " + method + ": " + code + " " + remoteMessage
                + (data.isEmpty() ? "" : " (" + data + ")"));
        this.code = code;
        this.remoteMessage = remoteMessage;
        this.data = data;
    }

    /** The JSON-RPC error code (e.g. 1010 for an invalid transaction). */
    public long code() {
        return code;
    }

    /** The error's message, as the node wrote it. */
    public String remoteMessage() {
        return remoteMessage;
    }

    /** The error's data as text (empty when there is none). */
    public String data() {
        return data;
    }
}
