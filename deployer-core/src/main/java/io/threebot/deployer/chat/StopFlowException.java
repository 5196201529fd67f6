package io.threebot.deployer.chat;

import io.threebot.deployer.errors.DeployerException;

/**
 * Thrown by a step to end its flow with a message for the user (the original's StopChatFlow). The session ends in
 * {@link SessionStatus#FAILED} and shows the message as an error.
 */
public class StopFlowException extends DeployerException {
    public StopFlowException(String message) {
        super(message);
    }

    public StopFlowException(String message, Throwable cause) {
        super(message, cause);
    }
}
