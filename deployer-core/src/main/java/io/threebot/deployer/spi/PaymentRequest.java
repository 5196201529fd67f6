package io.threebot.deployer.spi;

import java.util.Objects;

/** A payment to an escrow. The memo identifies it: paying twice with one memo is the same payment. */
public record PaymentRequest(String destination, String asset, long amountStroops, String memo) {
    public PaymentRequest {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(memo, "memo");
        if (amountStroops < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
    }
}
