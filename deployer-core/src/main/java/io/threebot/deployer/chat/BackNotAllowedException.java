package io.threebot.deployer.chat;

import io.threebot.deployer.errors.DeployerException.Reason;

/** The current step cannot be left backwards. */
public class BackNotAllowedException extends ChatException {
    public BackNotAllowedException(String message) {
        super(message);
    }

    @Override
    public Reason reason() {
        return Reason.CONFLICT;
    }
}
