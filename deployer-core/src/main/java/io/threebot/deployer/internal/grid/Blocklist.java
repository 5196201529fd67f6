package io.threebot.deployer.internal.grid;

import io.threebot.deployer.internal.store.RecordFields;
import io.threebot.deployer.internal.store.Records;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Nodes or domains that failed recently and are kept out of selection: each failure blocks for the base duration
 * times the number of failures so far; a success clears the count. The list lives in the state store, so every
 * deployer instance on a shared store keeps out what any of them saw fail. Lookups read a snapshot of the list that
 * is at most {@value #SNAPSHOT_MILLIS} ms old (this instance's own changes show at once), so choosing among hundreds
 * of nodes reads the store once. Entries are removed once they have not failed for {@value #FORGET_AFTER_BLOCKS}
 * base durations, so the list does not grow with every node that ever failed.
 *
 * <p>The type says what is blocked ({@link Nodes} or {@link Domains}), so a list of nodes can never be handed where
 * the list of domains is wanted.
 *
 * @param <S> what is blocked
 */
public final class Blocklist<S extends Blocklist.Subject> {
    /** What a blocklist keeps out. */
    public sealed interface Subject permits Nodes, Domains {
    }

    /** Nodes, by node id. */
    public static final class Nodes implements Subject {
        private Nodes() {
        }
    }

    /** Gateway domains, by managed domain. */
    public static final class Domains implements Subject {
        private Domains() {
        }
    }

    /** A stored entry: what is blocked, how often it failed in a row, until when, and when it last failed. */
    public record Block(String key, int failures, Instant until, Instant lastFailure) {
        public Block {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(lastFailure, "lastFailure");
        }
    }

    /** How many base durations after its last failure an entry is forgotten. */
    static final int FORGET_AFTER_BLOCKS = 16;
    private static final long SNAPSHOT_MILLIS = 1_000;

    private record Snapshot(long readAtNanos, Map<String, Versioned<Block>> blocks) {
    }

    private final StateStore store;
    private final String kind;
    private final Clock clock;
    private final Duration baseDuration;
    private volatile Snapshot snapshot;

    /** The nodes that failed recently, kept in the store kind {@code blocked-nodes}. */
    public static Blocklist<Nodes> ofNodes(StateStore store, Clock clock, Duration baseDuration) {
        return new Blocklist<>(store, "nodes", clock, baseDuration);
    }

    /** The gateway domains that failed recently, kept in the store kind {@code blocked-domains}. */
    public static Blocklist<Domains> ofDomains(StateStore store, Clock clock, Duration baseDuration) {
        return new Blocklist<>(store, "domains", clock, baseDuration);
    }

    /**
     * @param name what is blocked ({@code nodes}, {@code domains}): the store kind is {@code blocked-<name>}
     */
    private Blocklist(StateStore store, String name, Clock clock, Duration baseDuration) {
        this.store = Objects.requireNonNull(store, "store");
        this.kind = "blocked-" + name;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.baseDuration = Objects.requireNonNull(baseDuration, "baseDuration");
    }

    /** How many nodes or domains it remembers now (blocked or recently failed). */
    public long size() {
        return current().size();
    }

    public void block(String key) {
        Instant now = clock.instant();
        Records.upsert(store, kind, RecordFields.fileName(key), Block.class, new Block(key, 0, now, now), old -> {
            int failures = old.failures() + 1;
            return new Block(key, failures, now.plus(baseDuration.multipliedBy(failures)), now);
        });
        snapshot = null;
    }

    public void unblock(String key) {
        String id = RecordFields.fileName(key);
        // when it failed again meanwhile, somewhere, it stays: that failure counts
        store.get(kind, id, Block.class).ifPresent(v -> Records.deleteUnlessChanged(store, kind, id, v.version()));
        snapshot = null;
    }

    public boolean isBlocked(String key) {
        Versioned<Block> block = current().get(key);
        return block != null && clock.instant().isBefore(block.value().until());
    }

    /** The list as stored, read again when older than the snapshot age; forgotten entries are removed then. */
    private Map<String, Versioned<Block>> current() {
        Snapshot s = snapshot;
        if (s != null && System.nanoTime() - s.readAtNanos < SNAPSHOT_MILLIS * 1_000_000) {
            return s.blocks;
        }
        Instant forgetBefore = clock.instant().minus(baseDuration.multipliedBy(FORGET_AFTER_BLOCKS));
        Map<String, Versioned<Block>> blocks = new HashMap<>();
        for (Versioned<Block> v : store.list(kind, Block.class)) {
            if (v.value().lastFailure().isBefore(forgetBefore)) {
                Records.deleteUnlessChanged(store, kind, v.id(), v.version()); // failed again meanwhile: kept
            } else {
                blocks.put(v.value().key(), v);
            }
        }
        snapshot = new Snapshot(System.nanoTime(), Map.copyOf(blocks));
        return blocks;
    }
}
