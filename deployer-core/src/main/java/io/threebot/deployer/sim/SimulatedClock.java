package io.threebot.deployer.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves by hand, for expiries, deadlines and sweeps without waiting. Thread-safe. */
public final class SimulatedClock extends Clock {
    private volatile Instant now;

    /** Starts at 2026-11-24T12:00:00Z. */
    public SimulatedClock() {
        this(Instant.parse("2026-11-24T12:00:00Z"));
    }

    public SimulatedClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock forward. */
    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public Instant instant() {
        return now;
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
