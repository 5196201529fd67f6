package io.threebot.deployer.spi;

/** A payment that went through, and whether it was refunded since. */
public record PaymentReceipt(String paymentId, String memo, long amountStroops, boolean refunded) {
}
