package io.threebot.deployer.tfgrid.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.grid.GridUnavailableException;
import io.threebot.deployer.tfgrid.zos.Workload;
import io.threebot.deployer.tfgrid.zos.WorkloadResult;
import io.threebot.deployer.tfgrid.zos.ZMount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ReadyWait} on a clock the test moves: a deployment that is ready soon is seen soon, long before the poll
 * interval, later polls come less often up to the interval, the wait polls once more at its deadline before it gives
 * up, a failing poll is polled again, and a workload in error ends the wait at once.
 */
class ReadyWaitTest {
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration CALL = Duration.ofSeconds(20);

    /** A clock that moves only when the wait pauses, recording each pause. */
    private static final class MovedClock implements ReadyWait.Ticker {
        long now = 1_000_000_000L;
        final long start = now;
        final List<Duration> pauses = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(Duration pause) {
            pauses.add(pause);
            now += pause.toNanos();
        }

        Duration elapsed() {
            return Duration.ofNanos(now - start);
        }
    }

    private final MovedClock clock = new MovedClock();
    /** When, since the wait began, each poll was made, and the deadline it was given. */
    private final List<Duration> polls = new ArrayList<>();
    private final List<Duration> pollDeadlines = new ArrayList<>();

    private ReadyWait waiting(Duration readyDeadline) {
        return new ReadyWait(CALL, readyDeadline, INTERVAL, clock);
    }

    private static Workload disk(long version, WorkloadResult.State state, String message) {
        return new Workload(version, "disk", null, new ZMount(1L << 30), "", "",
                new WorkloadResult(0, state, message, null));
    }

    /** The node's answer: the disk {@code init} until {@code readyAfter} has passed, then {@code ok}. */
    private ReadyWait.Changes readyAfter(Duration readyAfter) {
        return deadline -> {
            polls.add(clock.elapsed());
            pollDeadlines.add(deadline);
            return List.of(disk(1, clock.elapsed().compareTo(readyAfter) >= 0 ? WorkloadResult.State.OK
                    : WorkloadResult.State.INIT, ""));
        };
    }

    @Test
    void aDeploymentReadyAfter300MillisecondsIsSeenWellBeforeTheIntervalOfOneSecond() throws Exception {
        waiting(Duration.ofMinutes(4)).await(7, 1, readyAfter(Duration.ofMillis(300)));

        assertThat(polls).containsExactly(Duration.ZERO, Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(300));
        assertThat(clock.elapsed()).as("seen as soon as it was ready, not a second later")
                .isEqualTo(Duration.ofMillis(300)).isLessThan(INTERVAL);
        assertThat(pollDeadlines).allSatisfy(d -> assertThat(d).isEqualTo(CALL));
    }

    @Test
    void aLongWaitIsPolledLessOftenUpToTheIntervalAndOnceMoreAtItsDeadline() {
        Duration deadline = Duration.ofSeconds(20);

        assertThatThrownBy(() -> waiting(deadline).await(7, 1, readyAfter(Duration.ofDays(1))))
                .isInstanceOf(GridUnavailableException.class)
                .hasMessage("the workloads of contract 7 were not ready within 20 s");

        assertThat(polls.get(polls.size() - 1)).as("the last poll is at the deadline").isEqualTo(deadline);
        assertThat(clock.elapsed()).isEqualTo(deadline);
        assertThat(clock.pauses).allSatisfy(p -> assertThat(p).isPositive().isLessThanOrEqualTo(INTERVAL));
        assertThat(clock.pauses.subList(0, 10)).as("the first second: every 100 ms")
                .containsOnly(Duration.ofMillis(100));
        assertThat(clock.pauses.get(12)).as("then a tenth of the time waited").isEqualTo(Duration.ofMillis(121));
        assertThat(clock.pauses).as("a long wait: at the interval").contains(INTERVAL);
        assertThat(polls).as("fewer polls than every 100 ms, more than every second").hasSizeBetween(21, 60);
    }

    @Test
    void aPollThatFailsIsPolledAgainAndTheLastFailureSaysWhyTheWaitEnded() throws Exception {
        int[] calls = {0};
        ReadyWait.Changes flaky = deadline -> {
            if (calls[0]++ < 2) {
                throw new GridUnavailableException("the relay is down");
            }
            return List.of(disk(1, WorkloadResult.State.OK, ""));
        };
        waiting(Duration.ofSeconds(10)).await(7, 1, flaky);
        assertThat(calls[0]).isEqualTo(3);
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(200));

        ReadyWait.Changes down = deadline -> {
            throw new GridUnavailableException("the relay is down");
        };
        assertThatThrownBy(() -> waiting(Duration.ofSeconds(3)).await(8, 1, down))
                .isInstanceOf(GridUnavailableException.class)
                .hasMessage("the workloads of contract 8 were not ready within 3 s (last: the relay is down)")
                .hasCauseInstanceOf(GridUnavailableException.class);
    }

    @Test
    void aWorkloadAtAnOlderVersionIsNotReadyAndOneInErrorEndsTheWaitAtOnce() {
        int[] calls = {0};
        ReadyWait.Changes olderThenError = deadline -> List.of(calls[0]++ == 0
                ? disk(1, WorkloadResult.State.OK, "") : disk(2, WorkloadResult.State.ERROR, "no space left"));

        assertThatThrownBy(() -> waiting(Duration.ofMinutes(4)).await(7, 2, olderThenError))
                .isInstanceOf(ReadyWait.WorkloadErrorException.class)
                .hasMessage("workload disk is error: no space left");
        assertThat(calls[0]).isEqualTo(2);
        assertThat(clock.pauses).containsExactly(Duration.ofMillis(100));
    }
}
