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

    @Test
    void aFreshStatusThatIsWantedEndsTheWaitWithoutAFetch() throws Exception {
        Scripted triggered = new Scripted(Status.PENDING);
        triggered.status = Status.VALID;
        assertThat(poller.awaitFresh(triggered, Set.of(Status.VALID, Status.INVALID), clock.instant().plusSeconds(5),
                "the challenge", System.nanoTime())).isEqualTo(Status.VALID);
        assertThat(triggered.fetches).isZero();
    }

    @Test
    void aFreshStatusCountsAsAPollSoTheFirstFetchIsAFloorAfterTheAnswer() throws Exception {
        Scripted triggered = new Scripted(Status.VALID);
        triggered.status = Status.PENDING;
        long answered = System.nanoTime();
        assertThat(poller.awaitFresh(triggered, Set.of(Status.VALID, Status.INVALID), clock.instant().plusSeconds(5),
                "the challenge", answered)).isEqualTo(Status.VALID);
        assertThat(triggered.fetches).isEqualTo(1);
        assertThat(Duration.ofNanos(triggered.firstFetch - answered)).isGreaterThanOrEqualTo(Duration.ofMillis(200));

        Scripted answeredEarlier = new Scripted(Status.VALID);
        answeredEarlier.status = Status.PENDING;
        long longAgo = System.nanoTime() - Duration.ofMillis(150).toNanos();
        long started = System.nanoTime();
        poller.awaitFresh(answeredEarlier, Set.of(Status.VALID), clock.instant().plusSeconds(5), "the challenge",
                longAgo);
        assertThat(Duration.ofNanos(answeredEarlier.firstFetch - longAgo)).as("a floor after the answer")
                .isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.ofNanos(answeredEarlier.firstFetch - started)).as("not a floor after the call")
                .isLessThan(Duration.ofMillis(150));
    }

    @Test
    void aStatusNotFetchedYetIsFetchedAtOnceAndNotReadBefore() throws Exception {
        Scripted finalized = new Scripted(Status.VALID);
        finalized.readableBeforeFetch = false;
        long started = System.nanoTime();
        assertThat(poller.await(finalized, Set.of(Status.VALID, Status.INVALID), clock.instant().plusSeconds(5),
                "the order")).isEqualTo(Status.VALID);
        assertThat(finalized.fetches).isEqualTo(1);
        assertThat(Duration.ofNanos(finalized.firstFetch - started)).isLessThan(Duration.ofMillis(150));
    }

    @Test
    void aRetryAfterLongerThanTheFloorIsWaitedFor() throws Exception {
        Scripted slow = new Scripted(Status.PROCESSING, Status.VALID);
        slow.retryAfter = Duration.ofMillis(600);
        long started = System.nanoTime();
        assertThat(poller.await(slow, Set.of(Status.VALID), clock.instant().plusSeconds(5), "the order"))
                .isEqualTo(Status.VALID);
        assertThat(slow.fetches).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(550));
    }

    /** A resource whose status moves through a script, one step per fetch. */
    private static final class Scripted implements PollableResource {
        private final Deque<Status> script = new ArrayDeque<>();
        private Status status = Status.UNKNOWN;
        private int fetches;
        private long firstFetch;
        private boolean readableBeforeFetch = true;
        private Duration retryAfter;

        Scripted(Status... statuses) {
            script.addAll(java.util.List.of(statuses));
        }

        @Override
        public Status getStatus() {
            if (!readableBeforeFetch && fetches == 0) {
                throw new AssertionError("status read before it was fetched (acme4j would fetch it)");
            }
            return status;
        }

        @Override
        public Optional<Instant> fetch() {
            if (fetches++ == 0) {
                firstFetch = System.nanoTime();
            }
            if (!script.isEmpty()) {
                status = script.poll();
            }
            return Optional.ofNullable(retryAfter).map(Instant.now()::plus);
        }
    }
}
