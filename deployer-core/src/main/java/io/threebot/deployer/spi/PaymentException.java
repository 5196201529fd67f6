package io.threebot.deployer.spi;

import io.threebot.deployer.errors.DeployerException;

/** A payment or refund did not go through; no money moved. */
public class PaymentException extends DeployerException {
    public PaymentException(String message) {
        super(message);
    }

    public PaymentException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Reason reason() {
        return Reason.UNAVAILABLE;
    }
}
