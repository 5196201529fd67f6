package io.threebot.deployer.lifecycle;

/**
 * Another operation on the same 3Bot is running, possibly on another deployer instance; try again when it has
 * finished. Reason {@link Reason#CONFLICT}.
 */
public class OperationInProgressException extends LifecycleException {
    public OperationInProgressException(String message) {
        super(message);
    }

    @Override
    public Reason reason() {
        return Reason.CONFLICT;
    }
}
