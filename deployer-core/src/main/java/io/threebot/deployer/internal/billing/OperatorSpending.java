package io.threebot.deployer.internal.billing;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.google.common.hash.Hashing;
import io.threebot.deployer.billing.SpendingLimitException;
import io.threebot.deployer.internal.store.FenceScope;
import io.threebot.deployer.internal.store.Records;
import io.threebot.deployer.spi.Fence;
import io.threebot.deployer.spi.FencedOffException;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the operator's wallet paid to the grid today (UTC), kept in the store so every deployer on it counts
 * together, and the daily cap on it.
 *
 * <p>A day's record holds its total and only the payments being counted right now; each payment counted is
 * remembered in a small record of its own, by its memo. So the day's record, which every payment of every deployer
 * rewrites, stays a few lines long however many payments the day has (it used to list them all, and 1,600 payments
 * made each of its writes tens of kilobytes). A payment leaves the day's list with the next payment this deployer
 * counts, in the same write, and payments counted at once share a write (see {@link #authorize}).
 */
public final class OperatorSpending {
    static final String KIND = "operator-spending";
    /** The payments counted, one record each, by a digest of the memo. */
    static final String COUNTED_KIND = "operator-spending-counted";

    /**
     * One day's total, and the payments being counted: added with the total in one write, and dropped once the
     * payment's own record says it was counted (with a later payment's write; a crash may leave a few for the day).
     */
    record Day(String day, long spentStroops, @JsonAlias("byMemo") Map<String, Long> counting) {
        /**
         * A day written before payments had records of their own lists every payment it counted ({@code byMemo}):
         * read as being counted, so that a step resumed across the upgrade counts none of them again.
         */
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
    /** The payments waiting for the next write of their day's record. */
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    /** Whether a thread is writing the waiting payments. */
    private final AtomicBoolean counting = new AtomicBoolean();

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
     *
     * <p>Payments counted at once in this deployer share one write of the day's record: the first to come writes for
     * every payment waiting by then, under all of their steps' fences, and each waits for its own outcome (a
     * refusal at the cap is each payment's own). A batch one of whose steps lost its lease is counted one payment at
     * a time, each under its own fence.
     */
    public void authorize(String memo, long amountStroops) {
        String id = Hashing.sha256().hashString(memo, StandardCharsets.UTF_8).toString();
        if (store.get(COUNTED_KIND, id, Counted.class).isPresent()) {
            return;
        }
        Waiting payment = new Waiting(memo, amountStroops, today(), FenceScope.current(), new CompletableFuture<>());
        waiting.add(payment);
        countWaiting();
        try {
            payment.counted().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
        try {
            store.put(COUNTED_KIND, id, new Counted(memo, payment.day(), amountStroops), StateStore.NEW);
        } catch (StaleVersionException countedMeanwhile) {
            // a resumed step counted it too, from the same place among those being counted
        }
        counted.add(memo);
    }

    /** A payment waiting to be counted, with the fence of the step that counts it. */
    private record Waiting(String memo, long amountStroops, String day, Optional<Fence> fence,
                           CompletableFuture<Void> counted) {
    }

    /**
     * Counts the payments waiting, a day's in one write, unless another thread is at it; that thread looks again
     * once it is done, so a payment added meanwhile is never left waiting.
     */
    private void countWaiting() {
        while (!waiting.isEmpty() && counting.compareAndSet(false, true)) {
            // an interrupt of this thread's own step must not fail the others' payments it writes for: kept aside
            boolean interrupted = Thread.interrupted();
            try {
                Map<String, List<Waiting>> byDay = new LinkedHashMap<>();
                for (Waiting w = waiting.poll(); w != null; w = waiting.poll()) {
                    byDay.computeIfAbsent(w.day(), d -> new ArrayList<>()).add(w);
                }
                byDay.forEach(this::countDay);
            } finally {
                counting.set(false);
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void countDay(String day, List<Waiting> payments) {
        try {
            countTogether(day, payments);
        } catch (FencedOffException e) {
            // a step among them lost its lease: each is counted under its own fence alone
            for (Waiting payment : payments) {
                try {
                    countTogether(day, List.of(payment));
                } catch (RuntimeException alone) {
                    payment.counted().completeExceptionally(alone);
                }
            }
        } catch (RuntimeException e) {
            payments.forEach(p -> p.counted().completeExceptionally(e));
        }
    }

    /**
     * One write of the day's record for {@code payments}, under all their fences; completes each one's outcome.
     *
     * @throws FencedOffException also when two of them name one lease with different tokens (a runner that lost
     *                            it, and its successor), before anything is written
     */
    private void countTogether(String day, List<Waiting> payments) {
        Map<String, String> tokens = new HashMap<>();
        for (Waiting payment : payments) {
            for (var lease : payment.fence().map(Fence::tokens).orElse(Map.of()).entrySet()) {
                String other = tokens.putIfAbsent(lease.getKey(), lease.getValue());
                if (other != null && !other.equals(lease.getValue())) {
                    throw new FencedOffException(KIND, day, lease.getKey());
                }
            }
        }
        Set<String> memos = new HashSet<>();
        payments.forEach(p -> memos.add(p.memo()));
        List<String> done = new ArrayList<>();
        for (String m = counted.poll(); m != null; m = counted.poll()) {
            if (!memos.contains(m)) {
                done.add(m);
            }
        }
        Set<Waiting> refused = new HashSet<>();
        // fenced by the payments' own steps, not by the step of the thread that happens to write for them
        try (FenceScope theirs = FenceScope.outside()) {
            Records.upsert(store, KIND, day, Day.class, new Day(day, 0, Map.of()),
                    tokens.isEmpty() ? Optional.empty() : Optional.of(new Fence(tokens)), d -> {
                        refused.clear(); // a write tried again starts over
                        Map<String, Long> next = new HashMap<>(d.counting());
                        next.keySet().removeAll(done);
                        long spent = d.spentStroops();
                        for (Waiting payment : payments) {
                            if (next.containsKey(payment.memo())) {
                                continue;
                            }
                            if (spent + payment.amountStroops() > capStroops) {
                                refused.add(payment);
                                continue;
                            }
                            next.put(payment.memo(), payment.amountStroops());
                            spent += payment.amountStroops();
                        }
                        return new Day(day, spent, next);
                    });
        } catch (RuntimeException e) {
            counted.addAll(done); // for the next write
            throw e;
        }
        for (Waiting payment : payments) {
            if (refused.contains(payment)) {
                payment.counted().completeExceptionally(capReached());
            } else {
                payment.counted().complete(null);
            }
        }
    }

    private SpendingLimitException capReached() {
        return new SpendingLimitException("The deployer has reached its spending limit for today; nothing was "
                + "bought. Please try again tomorrow.");
    }

    private String today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
    }
}
