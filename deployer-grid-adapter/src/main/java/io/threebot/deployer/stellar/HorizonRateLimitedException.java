package io.threebot.deployer.stellar;

import java.time.Duration;
import java.util.Optional;

/**
 * Horizon answered 429 Too Many Requests. Reason {@link Reason#RATE_LIMITED}, with {@link #retryAfter()} from its
 * {@code Retry-After} header when it sent one.
 */
public final class HorizonRateLimitedException extends StellarPaymentException {
    private final Duration retryAfter;

    HorizonRateLimitedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** {@link Reason#RATE_LIMITED}. */
    @Override
    public Reason reason() {
        return Reason.RATE_LIMITED;
    }

    /** What Horizon's {@code Retry-After} asked for, when it did. */
    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
