package io.threebot.deployer.lifecycle;

/** The 3Bot belongs to another user. */
public class NotThreebotOwnerException extends LifecycleException {
    public NotThreebotOwnerException(String message) {
        super(message);
    }

    public NotThreebotOwnerException(String message, Throwable cause) {
        super(message, cause);
    }
}
