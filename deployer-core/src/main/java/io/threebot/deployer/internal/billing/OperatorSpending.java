package io.threebot.deployer.internal.billing;

import io.threebot.deployer.billing.SpendingLimitException;
import io.threebot.deployer.internal.store.Records;
import io.threebot.deployer.spi.StateStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * What the operator's wallet paid to the grid today (UTC), kept in the store so every deployer on it counts
 * together, and the daily cap on it.
 */
public final class OperatorSpending {
    static final String KIND = "operator-spending";

    /** One day's payments, by payment memo so that recording one twice counts it once. */
    record Day(String day, long spentStroops, Map<String, Long> byMemo) {
    }

    private final StateStore store;
    private final long capStroops;
    private final Clock clock;

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
     * again (a resumed step) changes nothing.
     */
    public void authorize(String memo, long amountStroops) {
        String day = today();
        Records.upsert(store, KIND, day, Day.class, new Day(day, 0, Map.of()), d -> {
            if (d.byMemo().containsKey(memo)) {
                return d;
            }
            if (d.spentStroops() + amountStroops > capStroops) {
                throw capReached();
            }
            Map<String, Long> more = new HashMap<>(d.byMemo());
            more.put(memo, amountStroops);
            return new Day(day, d.spentStroops() + amountStroops, more);
        });
    }

    private SpendingLimitException capReached() {
        return new SpendingLimitException("The deployer has reached its spending limit for today; nothing was "
                + "bought. Please try again tomorrow.");
    }

    private String today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
    }
}
