package io.threebot.deployer.tfgrid.proxy;

import java.time.Instant;
import java.util.Objects;

/**
 * One bill of a contract as {@code /contracts/{id}/bills} lists it: what the chain took from the twin for the time
 * since the contract's previous bill.
 *
 * @param amountBilled     the amount, in TFT's smallest unit (10^-7 TFT)
 * @param discountReceived the discount level applied ({@code None}, {@code Default}, {@code Bronze}, ...)
 * @param timestamp        when the bill was made, in the chain's time
 */
public record ContractBill(long amountBilled, String discountReceived, Instant timestamp) {
    /** @throws NullPointerException when a part is null */
    public ContractBill {
        Objects.requireNonNull(discountReceived, "discountReceived");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** {@code amountBilled} and {@code timestamp} are required. */
    static ContractBill read(JsonFields json) {
        json.requiredCount("timestamp");
        return new ContractBill(json.requiredCount("amountBilled"), json.text("discountReceived"),
                json.instant("timestamp"));
    }
}
