package io.threebot.deployer.acme;

import java.time.Instant;
import java.util.Optional;

/** The CA refused because of a rate limit; {@link #retryAfter()} says when it will take requests again. */
public class AcmeRateLimitedException extends AcmeCertificateException {
    private final Instant retryAfter;

    public AcmeRateLimitedException(String message, Optional<Instant> retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter.orElse(null);
    }

    /** When the CA will take requests again, if it said. */
    public Optional<Instant> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
