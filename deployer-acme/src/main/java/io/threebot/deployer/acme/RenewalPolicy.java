package io.threebot.deployer.acme;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** When a certificate is due: none yet, or less than the configured margin left. */
public record RenewalPolicy(Duration renewBefore) {

    /** True when there is no certificate, or it ends within {@code renewBefore} of {@code now}. */
    public boolean due(Optional<Instant> notAfter, Instant now) {
        return notAfter.map(end -> !now.plus(renewBefore).isBefore(end)).orElse(true);
    }
}
