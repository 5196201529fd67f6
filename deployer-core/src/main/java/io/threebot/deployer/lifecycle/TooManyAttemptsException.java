package io.threebot.deployer.lifecycle;

import io.threebot.deployer.errors.DeployerException.Reason;
import java.time.Duration;
import java.util.Optional;

/** Too many wrong recovery passwords for one 3Bot; it accepts none until the pause is over. */
public class TooManyAttemptsException extends LifecycleException {
    private final Duration retryAfter;

    public TooManyAttemptsException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long until the 3Bot takes passwords again. */
    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(retryAfter);
    }

    @Override
    public Reason reason() {
        return Reason.RATE_LIMITED;
    }
}
