package io.threebot.deployer.internal.grid;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Nodes or domains that failed recently and are kept out of selection: each failure blocks for the base duration
 * times the number of failures so far; a success clears the count. Entries are forgotten (a Guava cache, on the
 * deployer's clock) once they have not failed for {@value #FORGET_AFTER_BLOCKS} base durations, so the list does
 * not grow with every node that ever failed.
 */
public final class Blocklist {
    private record Block(int failures, Instant until) {
    }

    private final Clock clock;
    private final Duration baseDuration;
    /** How many base durations after its last failure an entry is forgotten. */
    static final int FORGET_AFTER_BLOCKS = 16;
    private static final int MAX_ENTRIES = 100_000;

    private final Cache<String, Block> cache;
    private final ConcurrentMap<String, Block> blocks;

    public Blocklist(Clock clock, Duration baseDuration) {
        this.clock = clock;
        this.baseDuration = baseDuration;
        this.cache = CacheBuilder.newBuilder()
                .ticker(new Ticker() {
                    @Override
                    public long read() {
                        return TimeUnit.MILLISECONDS.toNanos(clock.millis());
                    }
                })
                .expireAfterWrite(baseDuration.multipliedBy(FORGET_AFTER_BLOCKS))
                .maximumSize(MAX_ENTRIES)
                .build();
        this.blocks = cache.asMap();
    }

    /** How many nodes or domains it remembers now (blocked or recently failed). */
    public long size() {
        cache.cleanUp();
        return cache.size();
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
