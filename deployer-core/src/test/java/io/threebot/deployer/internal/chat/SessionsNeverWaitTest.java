package io.threebot.deployer.internal.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.chat.SessionBusyException;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.store.InMemoryStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.AdditionalAnswers;
import org.mockito.stubbing.Answer;

/**
 * A transition stalled inside a store write holds up nothing but its own session: other sessions go on, and a
 * second transition on its session is refused at once instead of waiting behind it.
 */
class SessionsNeverWaitTest {
    private static final ChatEngine.Limits LIMITS = new ChatEngine.Limits(50, Duration.ofHours(24));

    private final ExecutorService callers = Executors.newFixedThreadPool(2);
    private final ExecutorService steps = Executors.newFixedThreadPool(2);
    private final StallingStore stalling = new StallingStore(new InMemoryStateStore());

    @AfterEach
    void stop() {
        stalling.release();
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
        return ChatEngine.builder().flows(List.of(twoQuestions())).store(stalling.store())
                .sealer(AesGcmSecretSealer.ephemeral()).clock(Clock.systemUTC()).sharedExecutor(steps)
                .limits(LIMITS).build();
    }

    @Test
    void aTransitionStalledInAStoreWriteHoldsUpNoOtherSessionAndRefusesASecondOneOnItsOwn() throws Exception {
        ChatEngine engine = engine();
        String stalled = engine.start("u", "form").sessionId();
        String other = engine.start("v", "form").sessionId();

        stalling.stallWritesOf(stalled);
        Future<ChatMessage> first = callers.submit(() -> engine.answer(stalled, "u", "red"));
        assertThat(stalling.awaitStalled()).as("the first answer reached its write").isTrue();

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

        stalling.release();
        assertThat(first.get(10, TimeUnit.SECONDS).questionKey()).contains("name");
        assertThat(engine.current(stalled, "u").payload().kwargs()).as("only the first answer was taken")
                .doesNotContainKey("error");
        assertThat(engine.answer(stalled, "u", "bob").category()).as("the session is free again")
                .isEqualTo(Category.END);
    }

    @Test
    void theSweepPassesOverASessionATransitionHoldsAndTakesItLater() throws Exception {
        io.threebot.deployer.sim.SimulatedClock clock = new io.threebot.deployer.sim.SimulatedClock();
        ChatEngine engine = ChatEngine.builder().flows(List.of(twoQuestions())).store(stalling.store())
                .sealer(AesGcmSecretSealer.ephemeral()).clock(clock).sharedExecutor(steps)
                .limits(new ChatEngine.Limits(5, Duration.ofHours(1))).build();
        String id = engine.start("u", "form").sessionId();
        clock.advance(Duration.ofHours(2));

        stalling.stallWritesOf(id);
        Future<ChatMessage> answering = callers.submit(() -> engine.answer(id, "u", "red"));
        assertThat(stalling.awaitStalled()).isTrue();
        assertThat(callers.submit(engine::sweep).get(10, TimeUnit.SECONDS)).as("the answer being saved wins")
                .isZero();

        stalling.release();
        assertThat(answering.get(10, TimeUnit.SECONDS).questionKey()).contains("name");
        clock.advance(Duration.ofHours(2));
        assertThat(engine.sweep()).isEqualTo(1);
    }

    /**
     * A store whose writes (puts and deletes) of one session wait on a latch, as a database stalled on one row
     * would; every other call goes straight to the store below.
     */
    private static final class StallingStore {
        private final StateStore below;
        private final StateStore store;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        StallingStore(StateStore below) {
            this.below = below;
            this.store = mock(StateStore.class, AdditionalAnswers.delegatesTo(below));
        }

        StateStore store() {
            return store;
        }

        void stallWritesOf(String sessionId) {
            Answer<Object> stalling = invocation -> {
                reached.countDown();
                released.await(30, TimeUnit.SECONDS);
                return AdditionalAnswers.delegatesTo(below).answer(invocation);
            };
            doAnswer(stalling).when(store).put(eq(ChatEngine.SESSIONS), eq(sessionId), any(), anyLong());
            doAnswer(stalling).when(store).delete(eq(ChatEngine.SESSIONS), eq(sessionId), anyLong());
        }

        boolean awaitStalled() throws InterruptedException {
            return reached.await(10, TimeUnit.SECONDS);
        }

        void release() {
            released.countDown();
        }
    }
}
