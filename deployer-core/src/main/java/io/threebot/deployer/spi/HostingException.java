package io.threebot.deployer.spi;

import io.threebot.deployer.errors.DeployerException;

/**
 * A {@link ThreebotHosting} could not do what it was asked, for a reason the user reads in its message.
 */
public class HostingException extends DeployerException {
    /** What went wrong, as the deployer acts on it. */
    public enum Kind {
        /** No node (or gateway) fits the order; nothing was made. */
        NO_CAPACITY(Reason.CONFLICT),
        /** The 3Bot's name is taken on the grid. */
        NAME_TAKEN(Reason.CONFLICT),
        /** A step of the deploy failed; what that attempt made is cancelled. */
        DEPLOYMENT_FAILED(Reason.UNAVAILABLE),
        /** A transfer was sent and its outcome is not known: it must not be sent again. */
        TRANSFER_UNKNOWN(Reason.UNAVAILABLE),
        /** The operator's account cannot pay. */
        OPERATOR_UNDERFUNDED(Reason.UNAVAILABLE);

        private final Reason reason;

        Kind(Reason reason) {
            this.reason = reason;
        }
    }

    private final Kind kind;

    public HostingException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public HostingException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    @Override
    public Reason reason() {
        return kind.reason;
    }
}
