package io.threebot.deployer.spi;

/** A refund that was sent: the wallet's id of its transfer. */
public record RefundReceipt(String idempotencyKey, String refundId, long amountStroops) {
}
