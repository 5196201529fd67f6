package io.threebot.deployer.billing;

import io.threebot.deployer.errors.DeployerException;

/** A purchase needs a payment that is paid in full, belongs to the caller and was made for exactly this operation; nothing was done. */
public class PaymentRequiredException extends DeployerException {
    public PaymentRequiredException(String message) {
        super(message);
    }

    @Override
    public Reason reason() {
        return Reason.PAYMENT_REQUIRED;
    }
}
