package io.threebot.deployer.chat;

/** The session has ended; start a new one. */
public class SessionFinishedException extends ChatException {
    public SessionFinishedException(String message) {
        super(message);
    }
}
