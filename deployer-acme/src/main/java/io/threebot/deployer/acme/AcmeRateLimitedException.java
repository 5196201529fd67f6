package io.threebot.deployer.acme;

import io.threebot.deployer.errors.DeployerException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The CA refused because of a rate limit; {@link #retryAt()} says when it will take requests again. */
public class AcmeRateLimitedException extends AcmeCertificateException {
    private final Instant retryAfter;

    public AcmeRateLimitedException(String message, Optional<Instant> retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter.orElse(null);
    }

    /** When the CA will take requests again, if it said. */
    public Optional<Instant> retryAt() {
        return Optional.ofNullable(retryAfter);
    }

    /** How long from now until {@link #retryAt()}, if the CA said. */
    @Override
    public Optional<Duration> retryAfter() {
        return retryAt().map(at -> Duration.between(Instant.now(), at)).map(d -> d.isNegative() ? Duration.ZERO : d);
    }

    @Override
    public Reason reason() {
        return Reason.RATE_LIMITED;
    }
}
