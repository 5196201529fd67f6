package io.threebot.deployer.billing;

/**
 * A refund, journaled before it is sent.
 *
 * @param key      the idempotency key the wallet sends it under
 * @param reason   why, for the user
 * @param refundId the wallet's id once sent; empty while it is still to be sent
 */
public record RefundEntry(String key, String destination, long amountStroops, String reason, String refundId) {

    public boolean sent() {
        return !refundId.isEmpty();
    }

    /** This refund, marked as sent with the wallet's transaction id. */
    public RefundEntry sentAs(String id) {
        return new RefundEntry(key, destination, amountStroops, reason, id);
    }
}
