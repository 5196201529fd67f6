package io.threebot.deployer.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The pauses of work waiting out a store outage: growing, capped, jittered, and bounded in total. */
class OutageBackoffTest {
    private static final OutageBackoff.Policy POLICY = new OutageBackoff.Policy(Duration.ofSeconds(1),
            Duration.ofSeconds(30), Duration.ofMinutes(10));

    private final AtomicLong now = new AtomicLong();

    @Test
    void pausesDoubleUpToTheCapWithJitterOfAtMostHalf() {
        OutageBackoff backoff = new OutageBackoff(POLICY, now::get, new Random(7));
        long[] fullSeconds = {1, 2, 4, 8, 16, 30, 30, 30};
        for (long full : fullSeconds) {
            Duration pause = backoff.next().orElseThrow();
            assertThat(pause).isBetween(Duration.ofSeconds(full).dividedBy(2), Duration.ofSeconds(full));
            now.addAndGet(pause.toNanos());
        }
        assertThat(backoff.failures()).isEqualTo(fullSeconds.length);
    }

    @Test
    void noPauseIsGivenOnceTheTotalIsSpentAndNoneReachesPastIt() {
        OutageBackoff backoff = new OutageBackoff(POLICY, now::get, new Random(7));
        now.set(Duration.ofMinutes(10).minusMillis(200).toNanos());
        assertThat(backoff.next()).as("cut to what is left").hasValueSatisfying(
                pause -> assertThat(pause).isLessThanOrEqualTo(Duration.ofMillis(200)));
        now.set(Duration.ofMinutes(10).toNanos());
        assertThat(backoff.next()).isEqualTo(Optional.empty());
        assertThat(backoff.failures()).isEqualTo(2);
    }

    @Test
    void theDefaultIsOneSecondDoublingToThirtyForTenMinutes() {
        assertThat(OutageBackoff.Policy.DEFAULT).isEqualTo(POLICY);
        assertThatThrownBy(() -> new OutageBackoff.Policy(Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutageBackoff.Policy(Duration.ZERO, Duration.ofSeconds(1),
                Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("firstPause");
    }
}
