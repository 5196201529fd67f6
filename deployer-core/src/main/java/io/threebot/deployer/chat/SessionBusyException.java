package io.threebot.deployer.chat;

import io.threebot.deployer.errors.DeployerException.Reason;

/** The session is running a long step; wait for it before answering. */
public class SessionBusyException extends ChatException {
    public SessionBusyException(String message) {
        super(message);
    }

    @Override
    public Reason reason() {
        return Reason.CONFLICT;
    }
}
