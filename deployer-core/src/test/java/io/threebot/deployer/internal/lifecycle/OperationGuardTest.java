package io.threebot.deployer.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.internal.store.Leases;
import io.threebot.deployer.lifecycle.OperationInProgressException;
import io.threebot.deployer.lifecycle.ThreebotNotFoundException;
import io.threebot.deployer.sim.SimulatedClock;
import io.threebot.deployer.store.InMemoryStateStore;
import io.threebot.deployer.testing.CuttableStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** One operation at a time on a 3Bot, here and across instances; a second one is refused, never queued. */
class OperationGuardTest {
    private static final String BOT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static final String OTHER = "ffeeddccbbaa99887766554433221100";
    private static final Duration LEASE = Duration.ofSeconds(30);
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-12-07T06:00:00Z"));
    private final CuttableStore store = new CuttableStore(new InMemoryStateStore(), true);

    @Test
    void aSecondOperationOnTheSame3BotIsRefusedAtOnceWhileTheFirstRunsAndRunsOnceItEnded() throws Exception {
        try (Leases leases = new Leases(store, "here", LEASE, clock)) {
            OperationGuard guard = new OperationGuard(leases);
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> guard.locked(BOT, () -> {
                running.countDown();
                await(finish);
                return "first";
            }));
            assertThat(running.await(30, TimeUnit.SECONDS)).as("the first operation began").isTrue();

            AtomicBoolean secondRan = new AtomicBoolean();
            assertThat(guard.busy(BOT)).isTrue();
            assertThatThrownBy(() -> guard.locked(BOT, () -> secondRan.getAndSet(true)))
                    .isInstanceOf(OperationInProgressException.class)
                    .hasMessage("Another operation on this 3Bot is running; try again when it has finished.");
            assertThat(secondRan).as("the refused operation did nothing").isFalse();
            assertThat(guard.locked(OTHER, () -> "other")).as("another 3Bot is not held up").isEqualTo("other");

            finish.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(guard.busy(BOT)).isFalse();
            assertThat(guard.locked(BOT, () -> "again")).isEqualTo("again");
        }
    }

    @Test
    void anOperationAnotherInstanceRunsOnThe3BotRefusesThisOne() {
        try (Leases there = new Leases(store, "there", LEASE, clock);
             Leases here = new Leases(store, "here", LEASE, clock)) {
            Leases.Held theirs = there.tryAcquire("threebot-" + BOT, () -> { }).orElseThrow();
            OperationGuard guard = new OperationGuard(here);

            assertThatThrownBy(() -> guard.locked(BOT, () -> "mine"))
                    .isInstanceOf(OperationInProgressException.class);
            assertThat(guard.busy(BOT)).as("a refusal leaves no mark behind").isFalse();

            theirs.close();
            assertThat(guard.locked(BOT, () -> "mine")).isEqualTo("mine");
        }
    }

    @Test
    void aFailingOperationFreesThe3BotAndItsErrorReachesTheCaller() {
        try (Leases leases = new Leases(store, "here", LEASE, clock)) {
            OperationGuard guard = new OperationGuard(leases);

            assertThatThrownBy(() -> guard.locked(BOT, () -> {
                throw new IllegalStateException("the grid said no");
            })).isInstanceOf(IllegalStateException.class).hasMessage("the grid said no");

            assertThat(guard.busy(BOT)).isFalse();
            assertThat(store.get(Leases.KIND, "threebot-" + BOT, Leases.Lease.class)).as("lease released")
                    .isEmpty();
            assertThat(guard.locked(BOT, () -> "next")).isEqualTo("next");
        }
    }

    @Test
    void anIdThatCannotBeA3BotsIsNotFoundAndNothingRuns() {
        try (Leases leases = new Leases(store, "here", LEASE, clock)) {
            OperationGuard guard = new OperationGuard(leases);
            AtomicBoolean ran = new AtomicBoolean();

            assertThatThrownBy(() -> guard.locked("../etc/passwd", () -> ran.getAndSet(true)))
                    .isInstanceOf(ThreebotNotFoundException.class)
                    .hasMessage("No 3Bot has the id '../etc/passwd'.");
            assertThat(ran).isFalse();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never told to finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
