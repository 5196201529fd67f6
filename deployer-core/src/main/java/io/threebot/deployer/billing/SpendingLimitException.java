package io.threebot.deployer.billing;

import io.threebot.deployer.errors.DeployerException;

/** A purchase was refused by a spending limit (days per purchase, 3Bots per owner, what the user paid, the operator's daily cap); nothing was bought. */
public class SpendingLimitException extends DeployerException {
    public SpendingLimitException(String message) {
        super(message);
    }

    @Override
    public Reason reason() {
        return Reason.FORBIDDEN;
    }
}
