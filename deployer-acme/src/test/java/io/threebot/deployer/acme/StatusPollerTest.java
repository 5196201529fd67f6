package io.threebot.deployer.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.sim.SimulatedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Status;

class StatusPollerTest {
    private final SimulatedClock clock = new SimulatedClock();
    private final StatusPoller poller = new StatusPoller(clock, Duration.ofMillis(200));

    @Test
    void fetchesAgainAfterTheServersRetryAfterButNeverSoonerThanTheFloor() {
        Instant now = clock.instant();
        assertThat(poller.nextFetch(now, Optional.empty())).isEqualTo(now.plusMillis(200));
        assertThat(poller.nextFetch(now, Optional.of(now.plusMillis(50)))).isEqualTo(now.plusMillis(200));
        assertThat(poller.nextFetch(now, Optional.of(now.plusSeconds(3)))).isEqualTo(now.plusSeconds(3));
        assertThat(poller.nextFetch(now, Optional.of(now.minusSeconds(3)))).isEqualTo(now.plusMillis(200));
    }

    @Test
    void returnsTheFirstWantedStatusWithTheFloorBetweenFetchesAndGivesUpAtTheDeadline() throws Exception {
        Scripted resource = new Scripted(Status.PENDING, Status.PROCESSING, Status.VALID);
        long started = System.nanoTime();
        assertThat(poller.await(resource, Set.of(Status.VALID, Status.INVALID), clock.instant().plusSeconds(5),
                "the challenge")).isEqualTo(Status.VALID);
        assertThat(resource.fetches).isEqualTo(3);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("two pauses of the floor")
                .isGreaterThanOrEqualTo(Duration.ofMillis(400));

        Scripted stuck = new Scripted(Status.PENDING);
        assertThatThrownBy(() -> poller.await(stuck, Set.of(Status.VALID), clock.instant().plusMillis(500),
                "the order")).isInstanceOf(AcmeTimeoutException.class)
                .hasMessage("the order is still PENDING when the timeout ran out");
        assertThat(stuck.fetches).as("fetched until the deadline, a floor apart").isBetween(2, 4);
    }

    /** A resource whose status moves through a script, one step per fetch. */
    private static final class Scripted implements PollableResource {
        private final Deque<Status> script = new ArrayDeque<>();
        private Status status = Status.UNKNOWN;
        private int fetches;

        Scripted(Status... statuses) {
            script.addAll(java.util.List.of(statuses));
        }

        @Override
        public Status getStatus() {
            return status;
        }

        @Override
        public Optional<Instant> fetch() {
            fetches++;
            if (!script.isEmpty()) {
                status = script.poll();
            }
            return Optional.empty();
        }
    }
}
