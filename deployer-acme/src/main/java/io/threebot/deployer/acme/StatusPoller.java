package io.threebot.deployer.acme;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * Waits for an ACME resource to reach one of the wanted states. Each fetch is followed by a pause until the
 * server's Retry-After, but never shorter than the floor, so two polls of one resource are always at least the floor
 * apart; the wait ends at the deadline with an {@link AcmeTimeoutException} that says where the resource stood.
 *
 * <p>{@link #await} fetches at once, for a resource whose status is not known yet (an order after finalization,
 * whose answer acme4j does not keep). {@link #awaitFresh} takes the status the CA has just answered with (a
 * challenge after its trigger) as the first poll: it returns at once when that status is wanted, and otherwise
 * fetches only a floor after that answer. {@link #await} never reads the status before its first fetch: for a
 * resource acme4j holds no answer for, that read would be one more fetch, with no pause before the next.
 */
final class StatusPoller {
    private final Clock clock;
    private final Duration floor;

    StatusPoller(Clock clock, Duration floor) {
        this.clock = clock;
        this.floor = floor;
    }

    /** Fetches the resource now, and again a floor (or the Retry-After) apart until its status is wanted. */
    Status await(PollableResource resource, Set<Status> wanted, Instant deadline, String what)
            throws AcmeException, InterruptedException {
        return poll(resource, wanted, deadline, what, Status.UNKNOWN, 0);
    }

    /**
     * Like {@link #await}, for a resource whose status the CA sent at {@code answeredAt} ({@link System#nanoTime()}):
     * no fetch before a floor after that.
     */
    Status awaitFresh(PollableResource resource, Set<Status> wanted, Instant deadline, String what, long answeredAt)
            throws AcmeException, InterruptedException {
        Status status = resource.getStatus();
        if (wanted.contains(status)) {
            return status;
        }
        long sinceAnswer = System.nanoTime() - answeredAt;
        return poll(resource, wanted, deadline, what, status, Math.max(0, floor.toNanos() - sinceAnswer));
    }

    /** When to fetch again: the server's Retry-After, but not sooner than the floor. */
    Instant nextFetch(Instant now, Optional<Instant> retryAfter) {
        Instant earliest = now.plus(floor);
        return retryAfter.filter(at -> at.isAfter(earliest)).orElse(earliest);
    }

    /**
     * Polls on the monotonic clock: the deadline, given on this poller's clock, is turned into time left once.
     */
    private Status poll(PollableResource resource, Set<Status> wanted, Instant deadline, String what,
                        Status known, long firstPauseNanos) throws AcmeException, InterruptedException {
        long start = System.nanoTime();
        long end = start + Math.max(0, Duration.between(clock.instant(), deadline).toNanos());
        long next = start + firstPauseNanos;
        Status status = known;
        while (next - end < 0) {
            TimeUnit.NANOSECONDS.sleep(next - System.nanoTime());
            Optional<Instant> retryAfter = resource.fetch();
            status = resource.getStatus();
            if (wanted.contains(status)) {
                return status;
            }
            Instant now = Instant.now();
            next = System.nanoTime() + Duration.between(now, nextFetch(now, retryAfter)).toNanos();
        }
        throw new AcmeTimeoutException(what + " is still " + status + " when the timeout ran out");
    }
}
