package io.threebot.deployer.internal.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.chat.SessionBusyException;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.spi.Fence;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import io.threebot.deployer.store.InMemoryStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A transition stalled inside a store write holds up nothing but its own session: other sessions go on, and a
 * second transition on its session is refused at once instead of waiting behind it.
 */
class SessionsNeverWaitTest {
    private static final ChatEngine.Limits LIMITS = new ChatEngine.Limits(50, Duration.ofHours(24));

    private final ExecutorService callers = Executors.newFixedThreadPool(2);
    private final ExecutorService steps = Executors.newFixedThreadPool(2);
    private final StallingStore store = new StallingStore(new InMemoryStateStore());

    @AfterEach
    void stop() {
        store.release();
        callers.shutdownNow();
        steps.shutdownNow();
    }

    private static FlowDefinition twoQuestions() {
        return new FlowDefinition("form", "Form", List.of(Step.of("Ask",
                Question.builder("color", Category.SINGLE_CHOICE).text("Color?").options(List.of("red", "blue"))
                        .required().build(),
                Question.builder("name", Category.STRING_ASK).text("Name?").required().build())));
    }

    private ChatEngine engine() {
        return new ChatEngine(List.of(twoQuestions()), store, AesGcmSecretSealer.ephemeral(), Clock.systemUTC(),
                steps, LIMITS, false);
    }

    @Test
    void aTransitionStalledInAStoreWriteHoldsUpNoOtherSessionAndRefusesASecondOneOnItsOwn() throws Exception {
        ChatEngine engine = engine();
        String stalled = engine.start("u", "form").sessionId();
        String other = engine.start("v", "form").sessionId();

        store.stallWritesOf(stalled);
        Future<ChatMessage> first = callers.submit(() -> engine.answer(stalled, "u", "red"));
        assertThat(store.awaitStalled()).as("the first answer reached its write").isTrue();

        ChatMessage elsewhere = callers.submit(() -> engine.answer(other, "v", "blue")).get(10, TimeUnit.SECONDS);
        assertThat(elsewhere.questionKey()).as("another session moves on meanwhile").contains("name");

        long before = System.nanoTime();
        assertThatThrownBy(() -> engine.answer(stalled, "u", "blue"))
                .isInstanceOf(SessionBusyException.class)
                .hasMessageContaining("handling another request right now; nothing was changed")
                .extracting(e -> ((DeployerException) e).reason()).isEqualTo(DeployerException.Reason.CONFLICT);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("refused at once, not after the first")
                .isLessThan(Duration.ofMillis(100));
        assertThatThrownBy(() -> engine.back(stalled, "u")).isInstanceOf(SessionBusyException.class);
        assertThat(engine.current(stalled, "u").questionKey()).as("reading it never waits either")
                .contains("color");
        assertThat(first.isDone()).isFalse();

        store.release();
        assertThat(first.get(10, TimeUnit.SECONDS).questionKey()).contains("name");
        assertThat(engine.current(stalled, "u").payload().kwargs()).as("only the first answer was taken")
                .doesNotContainKey("error");
        assertThat(engine.answer(stalled, "u", "bob").category()).as("the session is free again")
                .isEqualTo(Category.END);
    }

    @Test
    void theSweepPassesOverASessionATransitionHoldsAndTakesItLater() throws Exception {
        io.threebot.deployer.sim.SimulatedClock clock = new io.threebot.deployer.sim.SimulatedClock();
        ChatEngine engine = new ChatEngine(List.of(twoQuestions()), store, AesGcmSecretSealer.ephemeral(), clock,
                steps, new ChatEngine.Limits(5, Duration.ofHours(1)), false);
        String id = engine.start("u", "form").sessionId();
        clock.advance(Duration.ofHours(2));

        store.stallWritesOf(id);
        Future<ChatMessage> answering = callers.submit(() -> engine.answer(id, "u", "red"));
        assertThat(store.awaitStalled()).isTrue();
        assertThat(callers.submit(engine::sweep).get(10, TimeUnit.SECONDS)).as("the answer being saved wins")
                .isZero();

        store.release();
        assertThat(answering.get(10, TimeUnit.SECONDS).questionKey()).contains("name");
        clock.advance(Duration.ofHours(2));
        assertThat(engine.sweep()).isEqualTo(1);
    }

    /** A store whose writes of one session wait on a latch, as a database stalled on one row would. */
    private static final class StallingStore implements StateStore {
        private final StateStore store;
        private volatile String stalledId;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        StallingStore(StateStore store) {
            this.store = store;
        }

        void stallWritesOf(String sessionId) {
            stalledId = sessionId;
        }

        boolean awaitStalled() throws InterruptedException {
            return reached.await(10, TimeUnit.SECONDS);
        }

        void release() {
            stalledId = null;
            released.countDown();
        }

        private void maybeStall(String kind, String id) {
            if (ChatEngine.SESSIONS.equals(kind) && id.equals(stalledId)) {
                reached.countDown();
                try {
                    released.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public <T> Optional<Versioned<T>> get(String kind, String id, Class<T> type) {
            return store.get(kind, id, type);
        }

        @Override
        public <T> Versioned<T> put(String kind, String id, T value, long expectedVersion) {
            maybeStall(kind, id);
            return store.put(kind, id, value, expectedVersion);
        }

        @Override
        public <T> Versioned<T> put(String kind, String id, T value, long expectedVersion, Fence fence) {
            maybeStall(kind, id);
            return store.put(kind, id, value, expectedVersion, fence);
        }

        @Override
        public <T> List<Versioned<T>> list(String kind, Class<T> type) {
            return store.list(kind, type);
        }

        @Override
        public <T> List<Versioned<T>> find(String kind, String field, String value, Class<T> type) {
            return store.find(kind, field, value, type);
        }

        @Override
        public boolean delete(String kind, String id, long expectedVersion) {
            maybeStall(kind, id);
            return store.delete(kind, id, expectedVersion);
        }

        @Override
        public boolean delete(String kind, String id, long expectedVersion, Fence fence) {
            maybeStall(kind, id);
            return store.delete(kind, id, expectedVersion, fence);
        }
    }
}
