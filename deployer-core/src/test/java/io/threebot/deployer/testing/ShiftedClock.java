package io.threebot.deployer.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system's clock, shifted by what a test sets or moves it by: time goes on as it does for the parts that stamp
 * with the real clock, and a test can still jump ahead (or back) for expiries and deadlines. Thread-safe.
 */
public final class ShiftedClock extends Clock {
    private final AtomicReference<Duration> shift = new AtomicReference<>(Duration.ZERO);

    /** Shifts the clock by {@code by} from the system's (negative: behind it). */
    public void shiftTo(Duration by) {
        shift.set(by);
    }

    /** Moves the clock forward by {@code by} from where it is. */
    public void advance(Duration by) {
        shift.accumulateAndGet(by, Duration::plus);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(shift.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
