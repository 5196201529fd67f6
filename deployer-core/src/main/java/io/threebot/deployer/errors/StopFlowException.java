package io.threebot.deployer.errors;

/**
 * Ends the work in progress with a message for the user (the original's StopChatFlow): a deployment step that cannot
 * go on says why. In a chat, the session ends FAILED and shows the message as an error; a service call throws it (or
 * a lifecycle exception wrapping it) to the host.
 */
public class StopFlowException extends DeployerException {
    public StopFlowException(String message) {
        super(message);
    }

    public StopFlowException(String message, Throwable cause) {
        super(message, cause);
    }
}
