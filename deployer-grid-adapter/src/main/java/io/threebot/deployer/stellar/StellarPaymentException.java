package io.threebot.deployer.stellar;

import io.threebot.deployer.spi.PaymentException;

/**
 * A Stellar payment or refund did not go through, or Horizon could not be read; no money moved that is not
 * journaled. Reason {@link Reason#UNAVAILABLE} unless a subclass says otherwise: the deployer tries again later
 * with the same idempotency key or memo, which never sends twice.
 */
public class StellarPaymentException extends PaymentException {
    StellarPaymentException(String message) {
        super(message);
    }

    StellarPaymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
