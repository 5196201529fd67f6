package io.threebot.deployer.chat;

import io.threebot.deployer.errors.DeployerException.Reason;

/** The session has ended; start a new one. */
public class SessionFinishedException extends ChatException {
    public SessionFinishedException(String message) {
        super(message);
    }

    @Override
    public Reason reason() {
        return Reason.CONFLICT;
    }
}
