package io.threebot.deployer.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.sim.SimulatedClock;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.spi.ReachabilityProbe;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessWaiterTest {
    private static final URI ADDRESS = URI.create("https://mybot.3bot.example");
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-12-07T12:00:00Z"));
    private final Instant start = clock.instant();
    /** When each probe was made, counted from the start of the wait. */
    private final List<Duration> probes = new ArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();

    private ReadinessWaiter waiter(Duration bootTime) {
        ReachabilityProbe probe = (uri, timeout) -> {
            Duration at = Duration.between(start, clock.instant());
            probes.add(at);
            return at.compareTo(bootTime) >= 0;
        };
        return new ReadinessWaiter(probe, clock, Duration.ofSeconds(1), Duration.ofSeconds(5), pause -> {
            pauses.add(pause);
            clock.advance(pause);
        });
    }

    @Test
    void aQuickBootIsSeenAtMostATenthOfItsTimeLateWhereFixedPollsWouldSeeItUpToAnIntervalLate() throws Exception {
        assertThat(waiter(Duration.ofMillis(3_050)).await(ADDRESS, Duration.ofMinutes(1), Progress.silent()))
                .isTrue();
        Duration seen = probes.get(probes.size() - 1);
        assertThat(seen).isBetween(Duration.ofMillis(3_050), Duration.ofMillis(3_050 + 305));
        assertThat(pauses.subList(0, 11)).as("the first second").containsOnly(Duration.ofMillis(100));
        assertThat(pauses).isSorted().allSatisfy(p -> assertThat(p).isLessThanOrEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void aLongWaitIsProbedAtTheConfiguredIntervalAndOnceMoreAtItsDeadline() throws Exception {
        List<String> shown = new ArrayList<>();
        assertThat(waiter(Duration.ofHours(1)).await(ADDRESS, Duration.ofSeconds(40), shown::add)).isFalse();

        List<Duration> late = pauses.stream().filter(p -> p.equals(Duration.ofSeconds(1))).toList();
        assertThat(late).as("from 10 s of waiting on").hasSizeGreaterThanOrEqualTo(29);
        assertThat(pauses.indexOf(Duration.ofSeconds(1))).as("the first whole second")
                .isGreaterThan(20);
        assertThat(probes.get(probes.size() - 2)).as("a probe at the deadline").isEqualTo(Duration.ofSeconds(40));
        assertThat(probes.get(probes.size() - 1)).isGreaterThan(Duration.ofSeconds(40))
                .isLessThan(Duration.ofMillis(40_010));
        assertThat(shown).as("told every 10 s").hasSize(5).first().asString()
                .contains("0 s so far, at most 40 s");
    }
}
