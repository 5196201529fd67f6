package io.threebot.deployer.errors;

/**
 * This deployer instance lost the lease of the work it was doing (a chat's long step, an operation on a 3Bot) to
 * another instance, which carries the work on: nothing more was done here, and nothing more will be. Seen by a host
 * only when a lifecycle call it made was taken over, say after this instance was paused past its lease.
 */
public class LeaseLostException extends DeployerException {
    public LeaseLostException(String message) {
        super(message);
    }

    public LeaseLostException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@link Reason#CONFLICT}: another instance holds the work now. */
    @Override
    public Reason reason() {
        return Reason.CONFLICT;
    }
}
