package io.threebot.deployer.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a user pays.
 *
 * @param address    the receiving wallet's address
 * @param currency   the asset's code, e.g. {@code TFT}
 * @param paymentUri the wallet's own URI for paying this request (what a QR code carries, e.g. a Stellar SEP-7
 *                   {@code web+stellar:pay?...} URI), or empty for the default {@code TFT:<address>?...} URI
 */
public record PaymentDestination(String address, String currency, Optional<String> paymentUri) {
    public PaymentDestination {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(currency, "currency");
        paymentUri = paymentUri == null ? Optional.empty() : paymentUri;
    }

    /** A destination paid through the default {@code TFT:<address>?...} URI. */
    public PaymentDestination(String address, String currency) {
        this(address, currency, Optional.empty());
    }
}
