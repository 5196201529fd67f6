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
 * Waits for an ACME resource to reach one of the wanted states with acme4j's own polling
 * ({@link PollableResource#waitForStatus}), which follows the server's Retry-After, with a floor on top: acme4j is
 * never told to fetch again sooner than the floor, and the wait ends at the deadline with an
 * {@link AcmeTimeoutException} that says where the resource stood.
 */
final class StatusPoller {
    /** The message acme4j's polling ends with when its timeout ran out. */
    private static final String ACME4J_TIMEOUT = "Timeout has been reached";

    private final Clock clock;
    private final Duration floor;

    StatusPoller(Clock clock, Duration floor) {
        this.clock = clock;
        this.floor = floor;
    }

    Status await(PollableResource resource, Set<Status> wanted, Instant deadline, String what)
            throws AcmeException, InterruptedException {
        Duration left = Duration.between(clock.instant(), deadline);
        try {
            return new Floored(resource).waitForStatus(wanted, left.isNegative() ? Duration.ZERO : left);
        } catch (AcmeException e) {
            if (e.getClass() == AcmeException.class && ACME4J_TIMEOUT.equals(e.getMessage())) {
                throw new AcmeTimeoutException(what + " is still " + resource.getStatus()
                        + " when the timeout ran out");
            }
            throw e;
        }
    }

    /** When to fetch again: the server's Retry-After, but not sooner than the floor. */
    Instant nextFetch(Instant now, Optional<Instant> retryAfter) {
        Instant earliest = now.plus(floor);
        return retryAfter.filter(at -> at.isAfter(earliest)).orElse(earliest);
    }

    /** The resource as acme4j polls it, its Retry-After raised to the floor (acme4j waits on the system clock). */
    private final class Floored implements PollableResource {
        private final PollableResource resource;

        Floored(PollableResource resource) {
            this.resource = resource;
        }

        @Override
        public Status getStatus() {
            return resource.getStatus();
        }

        @Override
        public Optional<Instant> fetch() throws AcmeException {
            Optional<Instant> asked = resource.fetch();
            return Optional.of(nextFetch(Instant.now(), asked));
        }
    }
}
