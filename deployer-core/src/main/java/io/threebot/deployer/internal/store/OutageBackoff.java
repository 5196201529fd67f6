package io.threebot.deployer.internal.store;

import io.threebot.deployer.support.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The pauses between attempts of work that a store outage interrupted: the first pause, doubling up to a cap, each
 * with jitter (between half and all of it) so that many waiting steps do not all come back at the same moment; and
 * no more pauses once the attempts have gone on for the policy's total, when the caller gives up for now and leaves
 * the work to be taken up again later. One instance per piece of work; not shared between threads.
 */
public final class OutageBackoff {
    /**
     * How long to pause and for how long to keep trying.
     *
     * @param firstPause  the pause after the first failed attempt
     * @param maxPause    the most one pause grows to
     * @param giveUpAfter how long after the first attempt no further one is made
     */
    public record Policy(Duration firstPause, Duration maxPause, Duration giveUpAfter) {
        /** 1 s doubling to 30 s, for up to 10 minutes. */
        public static final Policy DEFAULT = new Policy(Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofMinutes(10));

        public Policy {
            Durations.requirePositive(firstPause, "firstPause");
            Durations.requirePositive(maxPause, "maxPause");
            Durations.requirePositive(giveUpAfter, "giveUpAfter");
            if (maxPause.compareTo(firstPause) < 0) {
                throw new IllegalArgumentException("maxPause must be at least firstPause");
            }
        }

        /** A backoff for one piece of work, starting now. */
        public OutageBackoff start() {
            return new OutageBackoff(this, System::nanoTime, ThreadLocalRandom.current());
        }
    }

    private final Policy policy;
    private final LongSupplier nanoTime;
    private final RandomGenerator random;
    private final long startedAt;
    private int failures;

    /** A backoff reading time from {@code nanoTime} and jitter from {@code random}: for tests. */
    OutageBackoff(Policy policy, LongSupplier nanoTime, RandomGenerator random) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.random = Objects.requireNonNull(random, "random");
        this.startedAt = nanoTime.getAsLong();
    }

    /**
     * Counts a failed attempt and returns the pause before the next one; empty when the attempts have gone on for
     * the policy's total already. A pause never reaches past that total.
     */
    public Optional<Duration> next() {
        failures++;
        Duration spent = Duration.ofNanos(nanoTime.getAsLong() - startedAt);
        Duration left = policy.giveUpAfter().minus(spent);
        if (left.isNegative() || left.isZero()) {
            return Optional.empty();
        }
        Duration full = grown(failures - 1);
        long halfNanos = full.toNanos() / 2;
        Duration pause = Duration.ofNanos(halfNanos + random.nextLong(full.toNanos() - halfNanos + 1));
        return Optional.of(pause.compareTo(left) < 0 ? pause : left);
    }

    /** How many attempts failed so far. */
    public int failures() {
        return failures;
    }

    /** The first pause doubled {@code doublings} times, at most the cap. */
    private Duration grown(int doublings) {
        Duration pause = policy.firstPause();
        for (int i = 0; i < doublings && pause.compareTo(policy.maxPause()) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(policy.maxPause()) < 0 ? pause : policy.maxPause();
    }
}
