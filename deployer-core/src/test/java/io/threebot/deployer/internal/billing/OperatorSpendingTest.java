package io.threebot.deployer.internal.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.billing.SpendingLimitException;
import io.threebot.deployer.sim.SimulatedClock;
import io.threebot.deployer.store.InMemoryStateStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OperatorSpendingTest {
    private final SimulatedClock clock = new SimulatedClock();
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final OperatorSpending spending = new OperatorSpending(store, 100, clock);

    @Test
    void paymentsCountOncePerMemoAndNothingPassesTheDailyCap() {
        spending.authorize("p-1", 60);
        spending.authorize("p-1", 60);
        assertThat(spending.spentToday()).isEqualTo(60);
        spending.checkRoomFor(40);
        assertThatThrownBy(() -> spending.checkRoomFor(41)).isInstanceOf(SpendingLimitException.class);
        assertThatThrownBy(() -> spending.authorize("p-2", 41)).isInstanceOf(SpendingLimitException.class)
                .hasMessageContaining("spending limit for today");
        assertThat(spending.spentToday()).as("a refused payment counts nothing").isEqualTo(60);

        clock.advance(Duration.ofDays(1));
        assertThat(spending.spentToday()).isZero();
        spending.authorize("p-2", 100);
        assertThat(spending.spentToday()).isEqualTo(100);
    }

    @Test
    void theDaysRecordHoldsItsTotalAndNoListOfItsPayments() {
        OperatorSpending roomy = new OperatorSpending(store, 1_000_000, clock);
        for (int i = 0; i < 500; i++) {
            roomy.authorize("pool-payment-" + i, 7);
        }

        assertThat(roomy.spentToday()).isEqualTo(3_500);
        OperatorSpending.Day day = store.list(OperatorSpending.KIND, OperatorSpending.Day.class).get(0).value();
        assertThat(day.counting()).as("the last payment leaves with the next").containsOnlyKeys("pool-payment-499");
        assertThat(store.list(OperatorSpending.COUNTED_KIND, OperatorSpending.Counted.class)).hasSize(500);
        roomy.authorize("pool-payment-42", 7);
        assertThat(roomy.spentToday()).isEqualTo(3_500);
    }

    /**
     * Payments counted at once share writes of the day's record, and each still gets its own outcome: of 60 payments
     * of 10 at once with room for 300, exactly 30 are counted, the other 30 refused at the cap.
     */
    @Test
    void paymentsCountedAtOnceShareWritesAndEachGetsItsOwnOutcome() throws Exception {
        InMemoryStateStore counting = new InMemoryStateStore();
        OperatorSpending shared = new OperatorSpending(counting, 300, clock);
        java.util.concurrent.ExecutorService payers = java.util.concurrent.Executors.newFixedThreadPool(60);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> outcomes = new java.util.ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String memo = "pool-" + i;
                outcomes.add(payers.submit(() -> {
                    go.await();
                    try {
                        shared.authorize(memo, 10);
                        return true;
                    } catch (SpendingLimitException refused) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int counted = 0;
            for (var outcome : outcomes) {
                counted += outcome.get(30, java.util.concurrent.TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(counted).isEqualTo(30);
        } finally {
            payers.shutdownNow();
        }
        assertThat(shared.spentToday()).isEqualTo(300);
        assertThat(counting.list(OperatorSpending.COUNTED_KIND, OperatorSpending.Counted.class)).hasSize(30);
        // each write of the day's record raises its version by one
        assertThat(counting.list(OperatorSpending.KIND, OperatorSpending.Day.class).get(0).version())
                .as("fewer writes than payments").isLessThan(60);
    }

    /** A day written before payments had records of their own: a step resumed across the upgrade counts once. */
    @Test
    void aDayWrittenBeforeTheUpgradeCountsItsListedPaymentsOnce() {
        String today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).toString();
        store.put(OperatorSpending.KIND, today, java.util.Map.of("day", today, "spentStroops", 60,
                "byMemo", java.util.Map.of("p-1", 60)), io.threebot.deployer.spi.StateStore.NEW);

        spending.authorize("p-1", 60);
        spending.authorize("p-2", 30);

        assertThat(spending.spentToday()).isEqualTo(90);
    }

    /** A step stopped after the total was written and before the payment's own record: resumed, it counts once. */
    @Test
    void aCountStoppedBeforeThePaymentsOwnRecordCountsOnceWhenResumed() {
        String today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).toString();
        store.put(OperatorSpending.KIND, today, new OperatorSpending.Day(today, 60, java.util.Map.of("p-1", 60L)),
                io.threebot.deployer.spi.StateStore.NEW);

        spending.authorize("p-1", 60);

        assertThat(spending.spentToday()).isEqualTo(60);
        assertThat(store.list(OperatorSpending.COUNTED_KIND, OperatorSpending.Counted.class))
                .extracting(v -> v.value().memo()).containsExactly("p-1");
        spending.authorize("p-1", 60);
        assertThat(spending.spentToday()).isEqualTo(60);
        spending.authorize("p-2", 30);
        assertThat(spending.spentToday()).isEqualTo(90);
        assertThat(store.get(OperatorSpending.KIND, today, OperatorSpending.Day.class).orElseThrow().value()
                .counting()).as("p-1 left with p-2's write").containsOnlyKeys("p-2");
    }
}
