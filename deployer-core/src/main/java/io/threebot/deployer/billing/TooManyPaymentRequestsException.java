package io.threebot.deployer.billing;

import io.threebot.deployer.errors.DeployerException;
import java.time.Duration;
import java.util.Optional;

/**
 * The owner has as many payment requests waiting to be paid as one owner may have
 * ({@link BillingSettings#maxOpenRequestsPerOwner()}); nothing was opened. A request frees its place once it is
 * paid, withdrawn or runs out.
 */
public class TooManyPaymentRequestsException extends DeployerException {
    private final Duration retryAfter;

    public TooManyPaymentRequestsException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** {@link Reason#RATE_LIMITED}. */
    @Override
    public Reason reason() {
        return Reason.RATE_LIMITED;
    }

    /** At the latest, when an open request runs out (its time to pay). */
    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(retryAfter);
    }
}
