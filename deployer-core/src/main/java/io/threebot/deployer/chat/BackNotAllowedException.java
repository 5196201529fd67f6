package io.threebot.deployer.chat;

/** The current step cannot be left backwards. */
public class BackNotAllowedException extends ChatException {
    public BackNotAllowedException(String message) {
        super(message);
    }
}
