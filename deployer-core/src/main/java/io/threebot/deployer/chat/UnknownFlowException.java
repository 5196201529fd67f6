package io.threebot.deployer.chat;

/** No flow is registered under this id. */
public class UnknownFlowException extends ChatException {
    public UnknownFlowException(String message) {
        super(message);
    }
}
