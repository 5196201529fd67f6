package io.threebot.deployer.chat;

/** No session has this id (or it belongs to nobody the caller may see). */
public class UnknownSessionException extends ChatException {
    public UnknownSessionException(String message) {
        super(message);
    }
}
