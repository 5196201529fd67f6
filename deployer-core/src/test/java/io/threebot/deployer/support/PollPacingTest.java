package io.threebot.deployer.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollPacingTest {
    private final PollPacing pacing = PollPacing.upTo(Duration.ofSeconds(1));

    @Test
    void aWaitIsPolledAtATenthOfHowLongItLastedBetweenTheFirstPauseAndTheInterval() {
        assertThat(pacing.first()).isEqualTo(Duration.ofMillis(100));
        assertThat(pacing.next(Duration.ZERO)).isEqualTo(Duration.ofMillis(100));
        assertThat(pacing.next(Duration.ofMillis(700))).isEqualTo(Duration.ofMillis(100));
        assertThat(pacing.next(Duration.ofMillis(2_500))).isEqualTo(Duration.ofMillis(250));
        assertThat(pacing.next(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(1));
        assertThat(pacing.next(Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(pacing.next(Duration.ofSeconds(-5))).as("a clock set back").isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aPauseNeverGoesPastTheDeadline() {
        assertThat(pacing.next(Duration.ofSeconds(20), Duration.ofMillis(300))).isEqualTo(Duration.ofMillis(300));
        assertThat(pacing.next(Duration.ofSeconds(20), Duration.ZERO)).as("at the deadline: once more")
                .isEqualTo(Duration.ofMillis(1));
        assertThat(pacing.next(Duration.ofSeconds(20), Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anIntervalShorterThanTheFirstPauseIsEveryPause() {
        PollPacing fast = PollPacing.upTo(Duration.ofMillis(10));
        assertThat(fast.next(Duration.ZERO)).isEqualTo(Duration.ofMillis(10));
        assertThat(fast.next(Duration.ofMinutes(1))).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void pausesThatCannotBeAreRefused() {
        assertThatThrownBy(() -> PollPacing.upTo(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PollPacing(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("first");
    }
}
