package io.threebot.deployer.billing;

import io.threebot.deployer.errors.DeployerException;

/** No payment request has this id for this owner (another owner's request answers the same). */
public class PaymentNotFoundException extends DeployerException {
    public PaymentNotFoundException(String message) {
        super(message);
    }

    @Override
    public Reason reason() {
        return Reason.NOT_FOUND;
    }
}
