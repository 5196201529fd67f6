package io.threebot.deployer.chat;

/** The session belongs to another user. */
public class NotSessionOwnerException extends ChatException {
    public NotSessionOwnerException(String message) {
        super(message);
    }
}
