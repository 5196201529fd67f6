package io.threebot.deployer.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.errors.LeaseLostException;
import io.threebot.deployer.store.InMemoryStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a runner that lost its lease while a call was out does with what the call made. */
class SideEffectGuardTest {
    /** A service whose one call makes something. */
    public interface Maker {
        long make();
    }

    private final InMemoryStateStore store = new InMemoryStateStore();

    /**
     * The runner hears of the loss by an interrupt, which can come while it takes back what it made and cut that
     * request short: the take-back is made again, and the interrupt is still there for the runner afterwards.
     */
    @Test
    void aTakeBackCutShortByTheLeaseLossInterruptIsMadeAgain() {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger undone = new AtomicInteger();
        try (Leases leases = new Leases(store, "here", Duration.ofSeconds(30), Clock.systemUTC())) {
            Leases.Held held = leases.tryAcquire("work", () -> { }).orElseThrow();
            Maker taker = () -> {
                // another instance takes the work over while the call is out
                var lease = store.get(Leases.KIND, "work", Leases.Lease.class).orElseThrow();
                store.put(Leases.KIND, "work", new Leases.Lease("elsewhere", Instant.now().plusSeconds(60),
                        "their-token"), lease.version());
                return 42;
            };
            Maker guarded = SideEffectGuard.guard(Maker.class, taker, Set.of(), Map.of("make", (args, result) -> {
                if (attempts.incrementAndGet() == 1) {
                    Thread.currentThread().interrupt(); // the lease's loss, heard while the request is out
                    throw new IllegalStateException("interrupted while calling the grid");
                }
                assertThat(result).isEqualTo(42L);
                undone.incrementAndGet();
            }));

            try (FenceScope scope = FenceScope.enter(held)) {
                assertThatThrownBy(guarded::make).isInstanceOf(LeaseLostException.class)
                        .hasMessageContaining("what it sent was taken back");
            }
            assertThat(Thread.interrupted()).as("the interrupt is kept for the runner").isTrue();
            assertThat(attempts.get()).isEqualTo(2);
            assertThat(undone.get()).isEqualTo(1);
        }
    }
}
