package io.threebot.deployer.chat;

import io.threebot.deployer.errors.DeployerException.Reason;

/** The user has as many open chats as one user may have; nothing was started. */
public class TooManyChatsException extends ChatException {
    public TooManyChatsException(String message) {
        super(message);
    }

    @Override
    public Reason reason() {
        return Reason.RATE_LIMITED;
    }
}
