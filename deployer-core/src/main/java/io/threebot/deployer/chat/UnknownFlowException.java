package io.threebot.deployer.chat;

import io.threebot.deployer.errors.DeployerException.Reason;

/** No flow is registered under this id. */
public class UnknownFlowException extends ChatException {
    public UnknownFlowException(String message) {
        super(message);
    }

    @Override
    public Reason reason() {
        return Reason.NOT_FOUND;
    }
}
