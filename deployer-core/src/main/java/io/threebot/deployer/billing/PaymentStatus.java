package io.threebot.deployer.billing;

/** Where a payment request stands. */
public enum PaymentStatus {
    /** Waiting for the user's transfer(s) until the deadline. */
    AWAITING,
    /** Paid in full; not used by an operation yet. */
    PAID,
    /** An operation is using it. */
    IN_USE,
    /** The operation it paid for succeeded. */
    SETTLED,
    /** Not paid in time; what arrived is refunded minus the fee. */
    EXPIRED,
    /** Replaced by another request before it was paid; what arrived is refunded minus the fee. */
    CANCELLED,
    /** Refunded in full: the operation failed, or the payment was never used. */
    REFUNDED;

    /** True when nothing more will be bought with it. */
    public boolean closed() {
        return this == SETTLED || this == EXPIRED || this == CANCELLED || this == REFUNDED;
    }
}
