package io.threebot.deployer.lifecycle;

import java.time.Duration;

/** Too many wrong recovery passwords for one 3Bot; it accepts none until the pause is over. */
public class TooManyAttemptsException extends LifecycleException {
    private final Duration retryAfter;

    public TooManyAttemptsException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long until the 3Bot takes passwords again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
