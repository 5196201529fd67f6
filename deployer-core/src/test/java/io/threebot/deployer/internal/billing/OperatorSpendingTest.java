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
}
