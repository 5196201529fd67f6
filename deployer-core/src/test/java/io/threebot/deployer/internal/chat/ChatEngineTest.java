package io.threebot.deployer.internal.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.chat.ChatSession;
import io.threebot.deployer.chat.SessionStatus;
import io.threebot.deployer.chat.TooManyChatsException;
import io.threebot.deployer.chat.UnknownFlowException;
import io.threebot.deployer.chat.UnknownSessionException;
import io.threebot.deployer.errors.StopFlowException;
import io.threebot.deployer.sim.SimulatedClock;
import io.threebot.deployer.store.InMemoryStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine on a small flow of its own, apart from the 3Bot flow. */
class ChatEngineTest {
    private static final ChatEngine.Limits LIMITS = new ChatEngine.Limits(50, Duration.ofHours(24));

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final AtomicInteger runs = new AtomicInteger();

    private FlowDefinition flow(StepAction work) {
        return new FlowDefinition("toy", "Toy", List.of(
                Step.of("Ask", Question.builder("color", Category.SINGLE_CHOICE).text("Color?")
                                .options(List.of("red", "blue")).required().build(),
                        Question.builder("shade", Category.STRING_ASK).text("Which blue?")
                                .onlyWhen(ctx -> ctx.answer("color").orElse("").equals("blue")).build()),
                Step.of("Work", Action.of("work", "Working.", work)).withBackDisabled(),
                Step.of("Done", Question.builder("done", Category.MD_SHOW)
                        .text(ctx -> "Made " + ctx.data("made", String.class).orElse("?")).build()).asFinal()));
    }

    private ChatEngine engine(StepAction work) {
        return new ChatEngine(List.of(flow(work)), store, AesGcmSecretSealer.ephemeral(), Clock.systemUTC(),
                executor, LIMITS);
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void conditionalSlidesAreSkippedAndActionsStoreFactsForLaterSteps() throws Exception {
        ChatEngine engine = engine((state, progress) -> {
            runs.incrementAndGet();
            progress.update("half way");
            state.put("made", "a " + state.requireAnswer("color") + " thing");
        });
        ChatMessage first = engine.start("u", "toy");
        ChatMessage busy = engine.answer(first.sessionId(), "u", "red");
        assertThat(busy.busy()).isTrue();
        ChatMessage done = engine.awaitNext(first.sessionId(), "u", Duration.ofSeconds(5));
        assertThat(done.payload().msg()).isEqualTo("Made a red thing");
        assertThat(done.info().finalStep()).isTrue();
        assertThat(engine.answer(first.sessionId(), "u", "").category()).isEqualTo(Category.END);
        assertThat(engine.status(first.sessionId(), "u")).isEqualTo(SessionStatus.FINISHED);
        assertThat(runs).hasValue(1);
    }

    @Test
    void aLaterSlideGoesBackToTheStartOfItsStep() {
        ChatEngine engine = engine((state, progress) -> { });
        ChatMessage first = engine.start("u", "toy");
        ChatMessage shade = engine.answer(first.sessionId(), "u", "blue");
        assertThat(shade.questionKey()).contains("shade");
        assertThat(shade.info().slide()).isEqualTo(2);
        ChatMessage again = engine.back(first.sessionId(), "u");
        assertThat(again.questionKey()).contains("color");
        assertThat(again.payload().kwargs()).containsEntry("default", "blue");
    }

    @Test
    void anUnexpectedFailureShowsAReferenceNotTheException() throws Exception {
        ChatEngine engine = engine((state, progress) -> {
            throw new IllegalStateException("secret internals");
        });
        ChatMessage first = engine.start("u", "toy");
        engine.answer(first.sessionId(), "u", "red");
        ChatMessage error = engine.awaitNext(first.sessionId(), "u", Duration.ofSeconds(5));
        assertThat(error.category()).isEqualTo(Category.ERROR);
        assertThat(error.payload().msg()).startsWith("Something went wrong during 'Work'")
                .containsPattern("reference: [0-9a-f]{8}").doesNotContain("secret internals");
        assertThat(engine.status(first.sessionId(), "u")).isEqualTo(SessionStatus.FAILED);
    }

    @Test
    void aStoppedFlowShowsItsMessage() throws Exception {
        ChatEngine engine = engine((state, progress) -> {
            throw new StopFlowException("Out of paint.");
        });
        ChatMessage first = engine.start("u", "toy");
        engine.answer(first.sessionId(), "u", "red");
        ChatMessage error = engine.awaitNext(first.sessionId(), "u", Duration.ofSeconds(5));
        assertThat(error.payload().msg()).isEqualTo("Out of paint.");
    }

    @Test
    void aBusySessionIsResumedByANewEngineOnTheSameStore() throws Exception {
        ChatEngine engine = engine((state, progress) -> Thread.sleep(60_000));
        ChatMessage first = engine.start("u", "toy");
        engine.answer(first.sessionId(), "u", "red");
        executor.shutdownNow();

        ExecutorService second = Executors.newSingleThreadExecutor();
        try {
            ChatEngine restarted = new ChatEngine(List.of(flow((state, progress) -> state.put("made", "it"))), store,
                    AesGcmSecretSealer.ephemeral(), Clock.systemUTC(), second, LIMITS);
            assertThat(restarted.resumeInterrupted()).isEqualTo(1);
            assertThat(restarted.awaitNext(first.sessionId(), "u", Duration.ofSeconds(5)).payload().msg())
                    .isEqualTo("Made it");
        } finally {
            second.shutdownNow();
        }
    }

    @Test
    void aPausedStepGivesItsThreadBackAndFindsWhatItsLastRunLeft() throws Exception {
        // one thread for five steps that each wait until all five have run once: only steps that give their thread
        // back while they wait can all get there
        ExecutorService one = Executors.newSingleThreadExecutor();
        java.util.Set<String> begun = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.Map<String, List<Integer>> notes = new java.util.concurrent.ConcurrentHashMap<>();
        try {
            ChatEngine engine = new ChatEngine(List.of(flow((state, progress) -> {
                String who = state.requireAnswer("color") + state.requireAnswer("shade");
                int runsBefore = io.threebot.deployer.internal.support.ResumeLater.left(Integer.class).orElse(0);
                notes.computeIfAbsent(who, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(runsBefore);
                begun.add(who);
                if (begun.size() < 5 && runsBefore < 200) {
                    throw new io.threebot.deployer.internal.support.ResumeLater(Duration.ofMillis(20),
                            runsBefore + 1);
                }
                state.put("made", "after " + (runsBefore + 1) + " runs");
            })), store, AesGcmSecretSealer.ephemeral(), Clock.systemUTC(), one, LIMITS);
            List<String> sessions = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ChatMessage first = engine.start("u" + i, "toy");
                engine.answer(first.sessionId(), "u" + i, "blue");
                engine.answer(first.sessionId(), "u" + i, "shade" + i);
                sessions.add(first.sessionId());
            }
            for (int i = 0; i < 5; i++) {
                assertThat(engine.awaitNext(sessions.get(i), "u" + i, Duration.ofSeconds(10)).payload().msg())
                        .startsWith("Made after ");
            }
            assertThat(begun).hasSize(5);
            assertThat(notes.values()).allSatisfy(seen -> {
                assertThat(seen).as("each run finds the note the run before left").startsWith(0)
                        .isSortedAccordingTo(Integer::compare).doesNotHaveDuplicates();
                assertThat(seen.get(seen.size() - 1)).isLessThan(200);
            });
            assertThat(notes.get("blueshade0")).as("the first step waited for the other four").hasSizeGreaterThan(1);
            assertThat(engine.pausedSteps()).isZero();
        } finally {
            one.shutdownNow();
        }
    }

    @Test
    void aStepPausedWhenItsEngineClosesIsTakenOverFromItsFirstRun() throws Exception {
        ChatEngine engine = engine((state, progress) -> {
            throw new io.threebot.deployer.internal.support.ResumeLater(Duration.ofMinutes(10), "waiting");
        });
        ChatMessage first = engine.start("u", "toy");
        engine.answer(first.sessionId(), "u", "red");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (engine.pausedSteps() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(engine.pausedSteps()).isEqualTo(1);
        engine.close();
        assertThat(engine.pausedSteps()).isZero();

        ExecutorService second = Executors.newSingleThreadExecutor();
        try {
            ChatEngine restarted = new ChatEngine(List.of(flow((state, progress) -> state.put("made",
                    io.threebot.deployer.internal.support.ResumeLater.left(String.class).orElse("a first run")))),
                    store, AesGcmSecretSealer.ephemeral(), Clock.systemUTC(), second, LIMITS);
            assertThat(restarted.resumeInterrupted()).as("its lease was let go").isEqualTo(1);
            assertThat(restarted.awaitNext(first.sessionId(), "u", Duration.ofSeconds(5)).payload().msg())
                    .isEqualTo("Made a first run");
        } finally {
            second.shutdownNow();
        }
    }

    /**
     * A step paused with work going on beside it (the set-up's gateway branch) keeps its lease at close until that
     * work ended, so that it journals what it sent before another deployer takes the step over.
     */
    @Test
    void aPausedStepsLeaseOutlivesTheCloseUntilTheWorkBesideItEnded() throws Exception {
        String kind = io.threebot.deployer.internal.store.Leases.KIND;
        java.util.concurrent.CompletableFuture<Void> branch = new java.util.concurrent.CompletableFuture<>();
        ChatEngine engine = engine((state, progress) -> {
            throw io.threebot.deployer.internal.support.ResumeLater.when(branch, "waiting", branch);
        });
        ChatMessage first = engine.start("u", "toy");
        engine.answer(first.sessionId(), "u", "red");
        awaitPaused(engine, 1);
        String lease = "session-" + first.sessionId();

        engine.close();
        assertThat(engine.pausedSteps()).isZero();
        assertThat(store.get(kind, lease, io.threebot.deployer.internal.store.Leases.Lease.class))
                .as("held while the branch works").isPresent();

        branch.complete(null);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (store.get(kind, lease, io.threebot.deployer.internal.store.Leases.Lease.class).isPresent()
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(store.get(kind, lease, io.threebot.deployer.internal.store.Leases.Lease.class))
                .as("let go once the branch ended").isEmpty();
    }

    @Test
    void aPausedStepWhoseLeaseIsTakenOverLetsGoAtOnceAndLeavesTheNewHoldersLease() throws Exception {
        String kind = io.threebot.deployer.internal.store.Leases.KIND;
        ChatEngine engine = ChatEngine.builder().flows(List.of(flow((state, progress) -> {
            throw new io.threebot.deployer.internal.support.ResumeLater(Duration.ofMinutes(10), "waiting");
        }))).store(store).sealer(AesGcmSecretSealer.ephemeral()).clock(Clock.systemUTC()).executor(executor)
                .limits(LIMITS).leases(new io.threebot.deployer.internal.store.Leases(store, "here",
                        Duration.ofMillis(300), Clock.systemUTC())).build();
        try {
            ChatMessage first = engine.start("u", "toy");
            engine.answer(first.sessionId(), "u", "red");
            awaitPaused(engine, 1);
            String lease = "session-" + first.sessionId();
            var held = store.get(kind, lease, io.threebot.deployer.internal.store.Leases.Lease.class).orElseThrow();
            store.put(kind, lease, new io.threebot.deployer.internal.store.Leases.Lease("elsewhere",
                    java.time.Instant.now().plus(Duration.ofHours(1)), "their-token"), held.version());

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (engine.pausedSteps() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(engine.pausedSteps()).as("woken by the lost lease, not by its ten-minute pause").isZero();
            assertThat(store.get(kind, lease, io.threebot.deployer.internal.store.Leases.Lease.class).orElseThrow()
                    .value().token()).as("the new holder's lease is left as it is").isEqualTo("their-token");
        } finally {
            engine.close();
        }
    }

    private static void awaitPaused(ChatEngine engine, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (engine.pausedSteps() != count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(engine.pausedSteps()).isEqualTo(count);
    }

    @Test
    void rulesRunInOrderAndTheFirstProblemIsShown() {
        Question q = Question.builder("n", Category.STRING_ASK).required().identifier().maxLength(3)
                .rule((a, ctx) -> a.equals("bad") ? Optional.of("not that one") : Optional.empty()).build();
        ChatEngine engine = new ChatEngine(List.of(new FlowDefinition("one", "One", List.of(Step.of("Q", q)))),
                store, AesGcmSecretSealer.ephemeral(), Clock.systemUTC(), executor, LIMITS);
        String id = engine.start("u", "one").sessionId();
        assertThat(engine.answer(id, "u", "").validationError()).contains("This field is required.");
        assertThat(engine.answer(id, "u", "toolong").validationError()).contains("Use at most 3 characters.");
        assertThat(engine.answer(id, "u", "bad").validationError()).contains("not that one");
        assertThat(engine.answer(id, "u", "ok").category()).isEqualTo(Category.END);
    }

    @Test
    void aUserHasAtMostTheOpenChatsTheLimitAllows() throws Exception {
        ChatEngine engine = new ChatEngine(List.of(flow((state, progress) -> { })), store,
                AesGcmSecretSealer.ephemeral(), Clock.systemUTC(), executor,
                new ChatEngine.Limits(2, Duration.ofHours(24)));
        String first = engine.start("u", "toy").sessionId();
        engine.start("u", "toy");
        assertThatThrownBy(() -> engine.start("u", "toy")).isInstanceOf(TooManyChatsException.class)
                .hasMessageContaining("You have 2 open chats");
        assertThat(store.list(ChatEngine.SESSIONS, ChatSession.class)).hasSize(2);
        engine.start("v", "toy");

        engine.answer(first, "u", "red");
        assertThat(engine.awaitNext(first, "u", Duration.ofSeconds(5)).payload().msg()).isEqualTo("Made ?");
        engine.answer(first, "u", "");
        assertThat(engine.status(first, "u")).isEqualTo(SessionStatus.FINISHED);
        assertThat(engine.start("u", "toy").category()).as("a finished chat frees its place").isNotNull();
    }

    @Test
    void theSweepRemovesEndedAndIdleSessionsButNotBusyOnes() throws Exception {
        SimulatedClock clock = new SimulatedClock();
        ChatEngine engine = new ChatEngine(List.of(flow((state, progress) -> Thread.sleep(60_000))), store,
                AesGcmSecretSealer.ephemeral(), clock, executor, new ChatEngine.Limits(5, Duration.ofHours(24)));
        String idle = engine.start("u", "toy").sessionId();
        String busy = engine.start("u", "toy").sessionId();
        engine.answer(busy, "u", "red");
        clock.advance(Duration.ofHours(23));
        String recent = engine.start("u", "toy").sessionId();
        assertThat(engine.sweep()).isZero();

        clock.advance(Duration.ofHours(2));
        assertThat(engine.sweep()).isEqualTo(1);
        assertThatThrownBy(() -> engine.current(idle, "u")).isInstanceOf(UnknownSessionException.class);
        assertThat(engine.status(busy, "u")).isEqualTo(SessionStatus.BUSY);
        assertThat(engine.status(recent, "u")).isEqualTo(SessionStatus.WAITING_FOR_ANSWER);
    }

    @Test
    void theSweepAndTheOpenChatsGaugeNeverReadEverySession() throws Exception {
        SimulatedClock clock = new SimulatedClock();
        io.threebot.deployer.testing.ScanRefusingStore guarded = new io.threebot.deployer.testing.ScanRefusingStore(
                store, java.util.Set.of(ChatEngine.SESSIONS));
        ChatEngine engine = new ChatEngine(List.of(flow((state, progress) -> { })), guarded,
                AesGcmSecretSealer.ephemeral(), clock, executor, new ChatEngine.Limits(5, Duration.ofHours(24)));
        String done = engine.start("u", "toy").sessionId();
        engine.answer(done, "u", "red");
        engine.awaitNext(done, "u", Duration.ofSeconds(5));
        engine.answer(done, "u", "");
        engine.start("v", "toy");
        assertThat(engine.status(done, "u")).isEqualTo(SessionStatus.FINISHED);
        assertThat(engine.openSessions()).isEqualTo(1);

        clock.advance(Duration.ofHours(25));
        assertThat(engine.openSessions()).as("idle past the timeout").isZero();
        assertThat(engine.sweep()).isEqualTo(2);
        assertThat(store.list(ChatEngine.SESSIONS, ChatSession.class)).isEmpty();
    }

    @Test
    void listenersRunOutsideTheSessionLockSoTheyMayActOnTheSession() throws Exception {
        ChatEngine engine = engine((state, progress) -> { });
        ExecutorService other = Executors.newSingleThreadExecutor();
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            engine.addListener(m -> {
                if ("shade".equals(m.questionKey().orElse(""))) {
                    // another thread answers while this listener runs: it would wait forever under the lock
                    try {
                        ChatMessage after = other.submit(() -> engine.answer(m.sessionId(), "u", "navy"))
                                .get(5, java.util.concurrent.TimeUnit.SECONDS);
                        seen.add(after.payload().msg());
                    } catch (Exception e) {
                        seen.add("blocked: " + e);
                    }
                }
            });
            ChatMessage first = engine.start("u", "toy");
            engine.answer(first.sessionId(), "u", "blue");
            assertThat(seen).singleElement().asString().doesNotStartWith("blocked");
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void anUnknownFlowIsRefusedNamingTheKnownOnes() {
        ChatEngine engine = engine((state, progress) -> { });
        assertThatThrownBy(() -> engine.start("u", "nextcloud")).isInstanceOf(UnknownFlowException.class)
                .hasMessageContaining("toy");
    }
}
