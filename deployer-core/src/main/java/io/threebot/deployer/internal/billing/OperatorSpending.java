package io.threebot.deployer.internal.billing;

import com.google.common.hash.Hashing;
import io.threebot.deployer.billing.SpendingLimitException;
import io.threebot.deployer.internal.store.Records;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the operator's wallet paid to the grid today (UTC), kept in the store so every deployer on it counts
 * together, and the daily cap on it.
 *
 * <p>A day's record holds its total and only the payments being counted right now; each payment counted is
 * remembered in a small record of its own, by its memo. So the day's record, which every payment of every deployer
 * rewrites, stays a few lines long however many payments the day has (it used to list them all, and 1,600 payments
 * made each of its writes tens of kilobytes). A payment leaves the day's list with the next payment this deployer
 * counts, in the same write, so a payment costs the day's record one write.
 */
public final class OperatorSpending {
    static final String KIND = "operator-spending";
    /** The payments counted, one record each, by a digest of the memo. */
    static final String COUNTED_KIND = "operator-spending-counted";

    /**
     * One day's total, and the payments being counted: added with the total in one write, and dropped once the
     * payment's own record says it was counted (with a later payment's write; a crash may leave a few for the day).
     */
    record Day(String day, long spentStroops, Map<String, Long> counting) {
        /** A day written before payments had records of their own has none being counted. */
        Day {
            counting = counting == null ? Map.of() : counting;
        }
    }

    /** A payment counted: its memo, the day it counted on and its amount. */
    record Counted(String memo, String day, long amountStroops) {
    }

    private final StateStore store;
    private final long capStroops;
    private final Clock clock;
    /** The memos whose own records were written, to be dropped from their day's list with the next write to it. */
    private final Queue<String> counted = new ConcurrentLinkedQueue<>();

    public OperatorSpending(StateStore store, long capStroops, Clock clock) {
        this.store = store;
        this.capStroops = capStroops;
        this.clock = clock;
    }

    /** What was paid today, in stroops. */
    public long spentToday() {
        return store.get(KIND, today(), Day.class).map(v -> v.value().spentStroops()).orElse(0L);
    }

    /** Refuses a purchase that would take today's spending past the cap, before the user pays for it. */
    public void checkRoomFor(long amountStroops) {
        if (spentToday() + amountStroops > capStroops) {
            throw capReached();
        }
    }

    /**
     * Counts a payment the operator is about to make; refuses it when it would pass the cap. Counting one memo
     * again (a resumed step) changes nothing, wherever the first count stopped: the total and the payment's place
     * among those being counted are written together, then the payment's own record; its place is dropped later.
     */
    public void authorize(String memo, long amountStroops) {
        String id = Hashing.sha256().hashString(memo, StandardCharsets.UTF_8).toString();
        if (store.get(COUNTED_KIND, id, Counted.class).isPresent()) {
            return;
        }
        String day = today();
        List<String> done = new ArrayList<>();
        for (String m = counted.poll(); m != null; m = counted.poll()) {
            done.add(m);
        }
        try {
            Records.upsert(store, KIND, day, Day.class, new Day(day, 0, Map.of()), d -> {
                Map<String, Long> next = new HashMap<>(d.counting());
                next.keySet().removeAll(done);
                if (!d.counting().containsKey(memo)) {
                    if (d.spentStroops() + amountStroops > capStroops) {
                        throw capReached();
                    }
                    next.put(memo, amountStroops);
                }
                return new Day(day, d.spentStroops() + (d.counting().containsKey(memo) ? 0 : amountStroops), next);
            });
        } catch (RuntimeException e) {
            counted.addAll(done); // for the next write
            throw e;
        }
        try {
            store.put(COUNTED_KIND, id, new Counted(memo, day, amountStroops), StateStore.NEW);
        } catch (StaleVersionException countedMeanwhile) {
            // a resumed step counted it too, from the same place among those being counted
        }
        counted.add(memo);
    }

    private SpendingLimitException capReached() {
        return new SpendingLimitException("The deployer has reached its spending limit for today; nothing was "
                + "bought. Please try again tomorrow.");
    }

    private String today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
    }
}
