package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.errors.StopFlowException;

/**
 * A deployment that could not finish and was undone: its workloads removed and its payments refunded. The message
 * says so; {@link #refundedStroops()} is what the user gets back.
 */
public class CompensatedException extends StopFlowException {
    private final long refundedStroops;

    public CompensatedException(String message, long refundedStroops, Throwable cause) {
        super(message, cause);
        this.refundedStroops = refundedStroops;
    }

    /** What the user's payment refund was, in stroops; 0 when they had paid nothing. */
    public long refundedStroops() {
        return refundedStroops;
    }
}
