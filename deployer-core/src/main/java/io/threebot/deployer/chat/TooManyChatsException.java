package io.threebot.deployer.chat;

/** The user has as many open chats as one user may have; nothing was started. */
public class TooManyChatsException extends ChatException {
    public TooManyChatsException(String message) {
        super(message);
    }
}
