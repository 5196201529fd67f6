package io.threebot.deployer.spi;

import java.util.Objects;

/**
 * Where a user pays.
 *
 * @param address  the receiving wallet's address
 * @param currency the asset's code, e.g. {@code TFT}
 */
public record PaymentDestination(String address, String currency) {
    public PaymentDestination {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(currency, "currency");
    }
}
