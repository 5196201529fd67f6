package io.threebot.deployer.tfgrid.rmb;

import io.threebot.deployer.errors.DeployerException;

/**
 * The peer answered a request with an RMB error envelope (its code and message, as the peer wrote them). Reason
 * {@link Reason#UNAVAILABLE}: the remote side failed the call.
 */
public final class RmbErrorReplyException extends DeployerException {
    private final long code;
    private final String remoteMessage;

    RmbErrorReplyException(long code, String remoteMessage) {
        super("the peer answered with error " + code + ": " + remoteMessage);
        this.code = code;
        this.remoteMessage = remoteMessage;
    }

    /** The peer's error code (application specific). */
    public long code() {
        return code;
    }

    /** The peer's error message. */
    public String remoteMessage() {
        return remoteMessage;
    }

    /** {@link Reason#UNAVAILABLE}. */
    @Override
    public Reason reason() {
        return Reason.UNAVAILABLE;
    }
}
