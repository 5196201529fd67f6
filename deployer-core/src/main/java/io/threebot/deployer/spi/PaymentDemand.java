package io.threebot.deployer.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A payment the deployer asks a user for.
 *
 * @param memo          the unique memo the user's transfer must carry, exactly
 * @param amountStroops what the user pays, fee included, in stroops (10<sup>-7</sup> of the currency)
 * @param deadline      transfers received after it do not count (and are refunded)
 * @param description   what is bought, for the wallet's records
 */
public record PaymentDemand(String memo, long amountStroops, Instant deadline, String description) {
    public PaymentDemand {
        Objects.requireNonNull(memo, "memo");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(description, "description");
        if (amountStroops <= 0) {
            throw new IllegalArgumentException("a payment request asks for a positive amount");
        }
    }
}
