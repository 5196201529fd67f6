package io.threebot.deployer.grid;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nodes or domains that failed recently and are kept out of selection: each failure blocks for the base duration
 * times the number of failures so far; a success clears the count.
 */
public final class Blocklist {
    private record Block(int failures, Instant until) {
    }

    private final Clock clock;
    private final Duration baseDuration;
    private final Map<String, Block> blocks = new ConcurrentHashMap<>();

    public Blocklist(Clock clock, Duration baseDuration) {
        this.clock = clock;
        this.baseDuration = baseDuration;
    }

    public void block(String key) {
        blocks.compute(key, (k, old) -> {
            int failures = old == null ? 1 : old.failures + 1;
            return new Block(failures, clock.instant().plus(baseDuration.multipliedBy(failures)));
        });
    }

    public void unblock(String key) {
        blocks.remove(key);
    }

    public boolean isBlocked(String key) {
        Block block = blocks.get(key);
        return block != null && clock.instant().isBefore(block.until);
    }
}
