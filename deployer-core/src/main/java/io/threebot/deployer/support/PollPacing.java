package io.threebot.deployer.support;

import java.time.Duration;

/**
 * How soon to look again while waiting for something on the grid (a workload's state, a new 3Bot's answer, a pool's
 * payment, a TFGrid v3 deployment's workloads): a tenth of how long the wait has lasted so far, at least
 * {@code first} and at most {@code cap} (the configured poll interval). A short wait is so seen soon after it ended,
 * at most about a tenth of its length late, while a long one is polled no more often than the configured interval.
 *
 * <p>The grid waits of the deployer and of its grid adapters (workloads, readiness, pool payments, v3 deployments)
 * are paced by it, so they all answer alike; a user's payment on the wallet is polled at its own interval. A wait
 * polls, and when it has not seen what it waits for, pauses {@link #next(Duration, Duration)} before it polls again; the pause
 * never goes past the wait's deadline, so the wait polls once more at its deadline before it gives up.
 *
 * @param first the shortest pause between two polls (the first poll is made at once)
 * @param cap   the longest pause, the configured poll interval
 */
public record PollPacing(Duration first, Duration cap) {
    /** The first pause when the configured interval is longer. */
    public static final Duration FIRST = Duration.ofMillis(100);
    /** The pause is this fraction (its inverse) of how long the wait has lasted. */
    private static final int SHARE_OF_WAIT = 10;

    /** @throws IllegalArgumentException when a pause is not positive or {@code first} is longer than {@code cap} */
    public PollPacing {
        Durations.requirePositive(first, "first");
        Durations.requirePositive(cap, "cap");
        if (first.compareTo(cap) > 0) {
            throw new IllegalArgumentException("first must not be longer than cap");
        }
    }

    /** Pauses from {@link #FIRST} (or {@code interval} when it is shorter) up to {@code interval}. */
    public static PollPacing upTo(Duration interval) {
        Durations.requirePositive(interval, "interval");
        return new PollPacing(FIRST.compareTo(interval) < 0 ? FIRST : interval, interval);
    }

    /** The pause before the next poll of a wait that has lasted {@code waited} (negative counts as none). */
    public Duration next(Duration waited) {
        Duration share = waited.isNegative() ? Duration.ZERO : waited.dividedBy(SHARE_OF_WAIT);
        if (share.compareTo(first) < 0) {
            return first;
        }
        return share.compareTo(cap) > 0 ? cap : share;
    }

    /**
     * Like {@link #next(Duration)}, but never past {@code left}, the time to the wait's deadline (at least a
     * millisecond, so a wait at its deadline polls once more rather than spins).
     */
    public Duration next(Duration waited, Duration left) {
        Duration pause = next(waited);
        if (pause.compareTo(left) <= 0) {
            return pause;
        }
        return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
    }
}
