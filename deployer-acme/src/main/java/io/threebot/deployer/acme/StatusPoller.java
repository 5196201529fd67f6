package io.threebot.deployer.acme;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * Polls an ACME resource until it reaches one of the wanted states: at once, then after the server's Retry-After
 * but never sooner than the floor, and never past the deadline.
 */
final class StatusPoller {
    private final Clock clock;
    private final Duration floor;

    StatusPoller(Clock clock, Duration floor) {
        this.clock = clock;
        this.floor = floor;
    }

    Status await(PollableResource resource, Set<Status> wanted, Instant deadline, String what)
            throws AcmeException, InterruptedException {
        while (true) {
            Optional<Instant> retryAfter = resource.fetch();
            Status status = resource.getStatus();
            if (wanted.contains(status)) {
                return status;
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                throw new AcmeTimeoutException(what + " is still " + status + " when the timeout ran out");
            }
            Duration wait = pause(now, retryAfter, deadline);
            Thread.sleep(Math.max(1, wait.toMillis()));
        }
    }

    /** max(floor, Retry-After), cut at the deadline. */
    Duration pause(Instant now, Optional<Instant> retryAfter, Instant deadline) {
        Duration asked = retryAfter.map(at -> Duration.between(now, at)).filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
        Duration wait = asked.compareTo(floor) > 0 ? asked : floor;
        Duration left = Duration.between(now, deadline);
        return wait.compareTo(left) < 0 ? wait : left;
    }
}
