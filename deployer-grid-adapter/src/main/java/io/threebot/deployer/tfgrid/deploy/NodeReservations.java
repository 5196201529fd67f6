package io.threebot.deployer.tfgrid.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * What this engine placed on each node that gridproxy may not count yet, and the nodes that refused a VM for lack of
 * capacity, each for a while ({@code hold}); and the choice of a node among those that fit once both are taken into
 * account.
 *
 * <p>Gridproxy learns a node's used resources some time after a deployment lands (from the node's reports, through
 * the chain and its indexer), so a burst of deploys that each took "the node with the most free memory" all chose the
 * same node and most of them were refused by it. This is what the ThreeFold Terraform provider's scheduler does
 * instead: it remembers the capacity it assigned to each node in the run and subtracts it from what gridproxy says is
 * free, and picks among the nodes that fit in a random order (as gridproxy's own {@code randomize} listing does for
 * the Go and TypeScript grid clients), so that concurrent deploys spread over the nodes that fit instead of piling on
 * one. Each hold notes the node's free resources gridproxy showed when it was made: what they dropped by since is
 * taken as held capacity gridproxy counts now, so a VM is not counted twice once gridproxy caught up (a drop from
 * someone else's deployment is taken as ours too: the node then refuses, and the VM is placed again). A hold lasts
 * long enough for gridproxy to catch up.
 *
 * <p>Thread-safe: every method holds this object's monitor for a few map operations, never across I/O.
 */
final class NodeReservations {
    /** How long a placement or a refusal is remembered unless the builder says otherwise. */
    static final Duration DEFAULT_HOLD = Duration.ofMinutes(10);

    private final long holdNanos;
    private final LongSupplier nanoTime;
    private final RandomGenerator random;
    private final Map<Long, List<Held>> held = new HashMap<>(); // guarded by this
    private final Map<Long, Held> refused = new HashMap<>(); // guarded by this

    /**
     * A node that gridproxy lists as fitting.
     *
     * @param nodeId      the node
     * @param freeMemory  its free memory as gridproxy says, bytes
     * @param freeSsd     its free SSD as gridproxy says, bytes
     */
    record Candidate(long nodeId, long freeMemory, long freeSsd) {
    }

    /**
     * Capacity held on a node until a time ({@link System#nanoTime()} scale), with the node's free resources gridproxy
     * showed when it was made.
     */
    private record Held(long memory, long ssd, long until, long freeMemoryThen, long freeSsdThen) {
    }

    NodeReservations(Duration hold, LongSupplier nanoTime, RandomGenerator random) {
        this.holdNanos = hold.toNanos();
        this.nanoTime = nanoTime;
        this.random = random;
    }

    /**
     * Chooses one of the candidates at random among those that still fit the size once what is held on them is taken
     * away (never an excluded node, nor one that refused a VM at least this large within the hold), and holds the
     * size on it.
     *
     * @return the node chosen; empty when none fits
     */
    synchronized Optional<Long> chooseAndHold(List<Candidate> candidates, BotSize size, Set<Long> excluded) {
        long now = nanoTime.getAsLong();
        forgetExpired(now);
        List<Long> fitting = new ArrayList<>();
        for (Candidate c : candidates) {
            if (excluded.contains(c.nodeId()) || refusedAtMost(c.nodeId(), size.memoryBytes())) {
                continue;
            }
            List<Held> holds = held.getOrDefault(c.nodeId(), List.of());
            long memory = c.freeMemory() - notShown(holds, c.freeMemory(), Held::memory, Held::freeMemoryThen);
            long ssd = c.freeSsd() - notShown(holds, c.freeSsd(), Held::ssd, Held::freeSsdThen);
            if (memory >= size.memoryBytes() && ssd >= size.ssdBytes()) {
                fitting.add(c.nodeId());
            }
        }
        if (fitting.isEmpty()) {
            return Optional.empty();
        }
        long chosen = fitting.get(random.nextInt(fitting.size()));
        Candidate c = candidates.stream().filter(n -> n.nodeId() == chosen).findFirst().orElseThrow();
        held.computeIfAbsent(chosen, id -> new ArrayList<>()).add(new Held(size.memoryBytes(), size.ssdBytes(),
                now + holdNanos, c.freeMemory(), c.freeSsd()));
        return Optional.of(chosen);
    }

    /**
     * What of the holds gridproxy does not show yet: all they hold less what the node's free amount dropped by since
     * the oldest of them was made (at least 0).
     */
    private static long notShown(List<Held> holds, long freeNow, java.util.function.ToLongFunction<Held> amount,
            java.util.function.ToLongFunction<Held> freeThen) {
        if (holds.isEmpty()) {
            return 0;
        }
        long total = holds.stream().mapToLong(amount).sum();
        long before = holds.stream().mapToLong(freeThen).max().orElse(freeNow);
        long shown = Math.max(0, before - freeNow);
        return Math.max(0, total - shown);
    }

    /**
     * A node refused a VM of this size for lack of capacity: what was held there for one such VM is let go, and the
     * node takes no VM as large or larger until the hold ends.
     */
    synchronized void refused(long nodeId, BotSize size) {
        long now = nanoTime.getAsLong();
        List<Held> onNode = held.get(nodeId);
        if (onNode != null) {
            for (Iterator<Held> it = onNode.iterator(); it.hasNext(); ) {
                Held h = it.next();
                if (h.memory() == size.memoryBytes() && h.ssd() == size.ssdBytes()) {
                    it.remove();
                    break;
                }
            }
        }
        Held before = refused.get(nodeId);
        long memory = before == null || before.until() <= now ? size.memoryBytes()
                : Math.min(before.memory(), size.memoryBytes());
        refused.put(nodeId, new Held(memory, 0, now + holdNanos, 0, 0));
    }

    /** The memory held on a node now, bytes (for tests and logs). */
    synchronized long heldMemory(long nodeId) {
        forgetExpired(nanoTime.getAsLong());
        return held.getOrDefault(nodeId, List.of()).stream().mapToLong(Held::memory).sum();
    }

    private boolean refusedAtMost(long nodeId, long memory) {
        Held r = refused.get(nodeId);
        return r != null && r.memory() <= memory;
    }

    private void forgetExpired(long now) {
        held.values().forEach(list -> list.removeIf(h -> h.until() - now <= 0));
        held.values().removeIf(List::isEmpty);
        refused.values().removeIf(r -> r.until() - now <= 0);
    }
}
