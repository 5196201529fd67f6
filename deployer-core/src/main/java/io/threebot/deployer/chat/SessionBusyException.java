package io.threebot.deployer.chat;

/** The session is running a long step; wait for it before answering. */
public class SessionBusyException extends ChatException {
    public SessionBusyException(String message) {
        super(message);
    }
}
