package io.threebot.deployer.lifecycle;

import io.threebot.deployer.errors.DeployerException.Reason;

/**
 * An operation the user had paid for failed; the payment is refunded in full (the message says so) and the store
 * holds the state the grid shows.
 */
public class PaidOperationFailedException extends LifecycleException {
    private final long refundedStroops;

    public PaidOperationFailedException(String message, long refundedStroops, Throwable cause) {
        super(message, cause);
        this.refundedStroops = refundedStroops;
    }

    /** What the user gets back, in stroops. */
    public long refundedStroops() {
        return refundedStroops;
    }

    @Override
    public Reason reason() {
        return Reason.UNAVAILABLE;
    }
}
