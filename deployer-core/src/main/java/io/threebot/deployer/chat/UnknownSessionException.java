package io.threebot.deployer.chat;

import io.threebot.deployer.errors.DeployerException.Reason;

/** No session has this id (or it belongs to nobody the caller may see). */
public class UnknownSessionException extends ChatException {
    public UnknownSessionException(String message) {
        super(message);
    }

    @Override
    public Reason reason() {
        return Reason.NOT_FOUND;
    }
}
