package io.threebot.deployer.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.errors.LeaseLostException;
import io.threebot.deployer.sim.SimulatedClock;
import io.threebot.deployer.store.InMemoryStateStore;
import io.threebot.deployer.testing.CountingStore;
import io.threebot.deployer.testing.CuttableStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LeasesTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-11-29T12:00:00Z"));
    /** A store shared by instances, whose writes the tests count. */
    private final CountingStore counted = new CountingStore(new CuttableStore(new InMemoryStateStore(), true));
    /** The monotonic clock the leases read, moved by hand. */
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    /** Both clocks on by {@code d}, as for a process that ran (or was paused) that long. */
    private void elapse(Duration d) {
        clock.advance(d);
        nanos.addAndGet(d.toNanos());
    }

    private Leases leases(CountingStore store, String instanceId) {
        return new Leases(store, instanceId, LEASE, clock, nanos::get);
    }

    @Test
    void aCheckBeforeASideEffectWritesOnlyOnceTheLastRenewalIsAThirdOfTheLeaseOld() {
        try (Leases a = leases(counted, "a")) {
            Leases.Held held = a.tryAcquire("work", () -> { }).orElseThrow();
            counted.reset();

            held.verify();
            elapse(Duration.ofSeconds(9));
            held.verify();
            assertThat(counted.writes(Leases.KIND)).as("renewed 9 s of 30 ago").isZero();

            elapse(Duration.ofSeconds(1));
            held.verify();
            assertThat(counted.writes(Leases.KIND)).as("a third of the lease old").isEqualTo(1);
            assertThat(counted.get(Leases.KIND, "work", Leases.Lease.class).orElseThrow().value().until())
                    .as("renewed for a whole lease from now").isEqualTo(clock.instant().plus(LEASE));

            elapse(Duration.ofSeconds(5));
            held.verify();
            assertThat(counted.writes(Leases.KIND)).as("5 s after that renewal").isEqualTo(1);
            elapse(Duration.ofSeconds(5));
            held.renew(); // the renewer's, in the background
            elapse(Duration.ofSeconds(9));
            held.verify();
            assertThat(counted.writes(Leases.KIND)).as("9 s after the renewer's renewal").isEqualTo(2);
        }
    }

    @Test
    void aPauseCountsOnTheMonotonicClockEvenWhenTheWallClockSaysOtherwiseAndTheOtherWayRound() {
        try (Leases a = leases(counted, "a")) {
            Leases.Held held = a.tryAcquire("work", () -> { }).orElseThrow();
            counted.reset();
            nanos.addAndGet(Duration.ofSeconds(10).toNanos()); // paused; the wall clock was set back meanwhile
            held.verify();
            assertThat(counted.writes(Leases.KIND)).as("10 s on the monotonic clock").isEqualTo(1);

            clock.advance(Duration.ofSeconds(10)); // the wall clock jumped ahead (the process was suspended)
            held.verify();
            assertThat(counted.writes(Leases.KIND)).as("10 s on the wall clock").isEqualTo(2);

            clock.advance(Duration.ofSeconds(-1)); // set back
            held.verify();
            assertThat(counted.writes(Leases.KIND)).as("a wall clock gone backwards").isEqualTo(3);
        }
    }

    @Test
    void aRunnerPausedPastItsLeaseWhileAnotherTookItOverIsStoppedByItsNextCheck() {
        AtomicInteger lost = new AtomicInteger();
        try (Leases a = leases(counted, "a"); Leases b = leases(counted, "b")) {
            Leases.Held paused = a.tryAcquire("work", lost::incrementAndGet).orElseThrow();
            elapse(Duration.ofSeconds(9));
            assertThat(b.tryAcquire("work", () -> { })).as("a lease checked without a write is still live")
                    .isEmpty();
            elapse(LEASE);
            Leases.Held taken = b.tryAcquire("work", () -> { }).orElseThrow();

            assertThatThrownBy(paused::verify).isInstanceOf(LeaseLostException.class)
                    .hasMessageContaining("taken over by another deployer instance");
            assertThat(lost).hasValue(1);
            assertThat(counted.get(Leases.KIND, "work", Leases.Lease.class).orElseThrow().value().token())
                    .isEqualTo(taken.token());
        }
    }

    @Test
    void aHolderWhoseLeaseThisInstanceTookAgainOrThatWasLetGoIsStoppedHoweverYoungItsRenewal() {
        CountingStore store = new CountingStore(new InMemoryStateStore());
        try (Leases a = leases(store, "a")) {
            Leases.Held earlier = a.tryAcquire("work", () -> { }).orElseThrow();
            Leases.Held again = a.tryAcquire("work", () -> { }).orElseThrow(); // a store of this process alone

            assertThatThrownBy(earlier::verify).isInstanceOf(LeaseLostException.class);
            again.verify();
            again.close();
            assertThatThrownBy(again::verify).as("let go").isInstanceOf(LeaseLostException.class);
        }
    }

    @Test
    void theCheckAfterASideEffectAlwaysAsksTheStore() {
        try (Leases a = leases(counted, "a")) {
            Leases.Held held = a.tryAcquire("work", () -> { }).orElseThrow();
            counted.reset();
            try (FenceScope scope = FenceScope.enter(held)) {
                FenceScope.verify();
                assertThat(counted.writes(Leases.KIND)).as("before").isZero();
                assertThat(FenceScope.stillHeld()).isTrue();
                assertThat(counted.writes(Leases.KIND)).as("after").isEqualTo(1);
            }
        }
    }

    @Test
    void onASharedStoreALiveLeaseIsRefusedAndTakenOnlyOnceItRanOutAndTheLoserIsTold() {
        CuttableStore store = new CuttableStore(new InMemoryStateStore(), true);
        AtomicInteger lost = new AtomicInteger();
        try (Leases a = new Leases(store, "a", LEASE, clock); Leases b = new Leases(store, "b", LEASE, clock)) {
            Leases.Held held = a.tryAcquire("work", lost::incrementAndGet).orElseThrow();
            assertThat(b.tryAcquire("work", () -> { })).as("live").isEmpty();
            clock.advance(Duration.ofSeconds(20));
            assertThat(held.renew()).isTrue();
            clock.advance(Duration.ofSeconds(20));
            assertThat(b.tryAcquire("work", () -> { })).as("renewed 20 s ago").isEmpty();
            clock.advance(Duration.ofSeconds(11));
            Leases.Held taken = b.tryAcquire("work", () -> { }).orElseThrow();

            assertThat(held.renew()).as("the first holder cannot renew what the second took").isFalse();
            assertThat(held.held()).isFalse();
            assertThat(lost).hasValue(1);
            held.close();
            assertThat(store.get(Leases.KIND, "work", Leases.Lease.class).orElseThrow().value().holder())
                    .as("the loser's close releases nothing").isEqualTo("b");
            taken.close();
            assertThat(a.tryAcquire("work", () -> { })).as("released").isPresent();
        }
    }

    @Test
    void aLeaseRenewedByARenewalStillInFlightWhenItWasClosedIsReleasedAllTheSame() {
        CuttableStore store = new CuttableStore(new InMemoryStateStore(), true);
        try (Leases a = new Leases(store, "a", LEASE, clock); Leases b = new Leases(store, "b", LEASE, clock)) {
            Leases.Held held = a.tryAcquire("work", () -> { }).orElseThrow();
            // the renewer's write lands after the holder read the version it releases at
            var stored = store.get(Leases.KIND, "work", Leases.Lease.class).orElseThrow();
            store.put(Leases.KIND, "work", stored.value(), stored.version());

            held.close();

            assertThat(store.get(Leases.KIND, "work", Leases.Lease.class)).as("released, not left to run out")
                    .isEmpty();
            assertThat(b.tryAcquire("work", () -> { })).as("another instance takes it at once").isPresent();
        }
    }

    @Test
    void aHolderClosingALeaseTakenOverWhileItWasAwayHasNotLetItGoAndWhatItsThreadsSendIsTakenBack() {
        CuttableStore store = new CuttableStore(new InMemoryStateStore(), true);
        try (Leases a = new Leases(store, "a", LEASE, clock); Leases b = new Leases(store, "b", LEASE, clock)) {
            Leases.Held paused = a.tryAcquire("work", () -> { }).orElseThrow();
            Leases.Held alsoPaused = a.tryAcquire("other", () -> { }).orElseThrow();
            clock.advance(LEASE.plusSeconds(1));
            Leases.Held taken = b.tryAcquire("work", () -> { }).orElseThrow();
            b.tryAcquire("other", () -> { }).orElseThrow().close(); // taken over, finished and let go

            try (FenceScope branch = FenceScope.enter(paused)) {
                paused.close(); // the woken runner ends its work while a branch of it still sends
                assertThat(paused.releasedHere()).isFalse();
                assertThat(FenceScope.stillHeld()).as("a branch's check after its call").isFalse();
            }
            alsoPaused.close();
            assertThat(alsoPaused.releasedHere()).as("released by the instance that took it over").isFalse();
            assertThat(store.get(Leases.KIND, "work", Leases.Lease.class).orElseThrow().value().token())
                    .as("the new holder's lease is untouched").isEqualTo(taken.token());
        }
    }

    @Test
    void aLeaseTheStoreCannotCheckAfterASideEffectCountsAsHeldOnlyWhileItCannotHaveRunOut() {
        CuttableStore store = new CuttableStore(new InMemoryStateStore(), true);
        try (Leases a = new Leases(store, "a", LEASE, clock, nanos::get)) {
            Leases.Held held = a.tryAcquire("work", () -> { }).orElseThrow();
            try (FenceScope scope = FenceScope.enter(held)) {
                store.cut();
                elapse(Duration.ofSeconds(29));
                assertThat(FenceScope.stillHeld()).as("renewed 29 s of 30 ago: nobody can have taken it").isTrue();
                elapse(Duration.ofSeconds(1));
                assertThat(FenceScope.stillHeld()).as("a whole lease since its last renewal (a pause, say)")
                        .isFalse();
            }
        }
    }

    @Test
    void aPauseCountsOnTheMonotonicClockThoughTheWallClockStoodStill() {
        CuttableStore store = new CuttableStore(new InMemoryStateStore(), true);
        try (Leases a = new Leases(store, "a", LEASE, clock, nanos::get)) {
            Leases.Held held = a.tryAcquire("work", () -> { }).orElseThrow();
            try (FenceScope scope = FenceScope.enter(held)) {
                store.cut();
                nanos.addAndGet(Duration.ofSeconds(31).toNanos());
                assertThat(held.mayHaveRunOut()).isTrue();
                assertThat(FenceScope.stillHeld()).isFalse();
            }
        }
    }

    @Test
    void aHolderThatLetsItsLeaseGoHasReleasedItHere() {
        CuttableStore store = new CuttableStore(new InMemoryStateStore(), true);
        try (Leases a = new Leases(store, "a", LEASE, clock)) {
            Leases.Held held = a.tryAcquire("work", () -> { }).orElseThrow();
            try (FenceScope scope = FenceScope.enter(held)) {
                held.close();
                assertThat(held.releasedHere()).isTrue();
                assertThat(FenceScope.stillHeld()).as("what a shutdown leaves is found again by reference").isTrue();
            }
            assertThat(store.get(Leases.KIND, "work", Leases.Lease.class)).isEmpty();
        }
    }

    @Test
    void onAStoreOfOneProcessALeaseLeftByItsLastRunIsTakenAtOnce() {
        InMemoryStateStore store = new InMemoryStateStore();
        try (Leases before = new Leases(store, "run-1", LEASE, clock);
             Leases after = new Leases(store, "run-2", LEASE, clock)) {
            before.tryAcquire("work", () -> { }).orElseThrow();
            assertThat(after.tryAcquire("work", () -> { })).isPresent();
        }
    }
}
