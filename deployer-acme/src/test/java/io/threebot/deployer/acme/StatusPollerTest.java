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
    void waitsForTheServersRetryAfterButNeverLessThanTheFloorNorPastTheDeadline() {
        Instant now = clock.instant();
        Instant deadline = now.plusSeconds(10);
        assertThat(poller.pause(now, Optional.empty(), deadline)).isEqualTo(Duration.ofMillis(200));
        assertThat(poller.pause(now, Optional.of(now.plusMillis(50)), deadline)).isEqualTo(Duration.ofMillis(200));
        assertThat(poller.pause(now, Optional.of(now.plusSeconds(3)), deadline)).isEqualTo(Duration.ofSeconds(3));
        assertThat(poller.pause(now, Optional.of(now.minusSeconds(3)), deadline)).isEqualTo(Duration.ofMillis(200));
        assertThat(poller.pause(now, Optional.of(now.plusSeconds(60)), deadline)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void returnsTheFirstWantedStatusAndGivesUpAtTheDeadline() throws Exception {
        Scripted resource = new Scripted(Status.PENDING, Status.PROCESSING, Status.VALID);
        assertThat(poller.await(resource, Set.of(Status.VALID, Status.INVALID), clock.instant().plusSeconds(5),
                "the challenge")).isEqualTo(Status.VALID);
        assertThat(resource.fetches).isEqualTo(3);

        Scripted stuck = new Scripted(Status.PENDING);
        assertThatThrownBy(() -> poller.await(stuck, Set.of(Status.VALID), clock.instant(), "the order"))
                .isInstanceOf(AcmeTimeoutException.class)
                .hasMessage("the order is still PENDING when the timeout ran out");
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
