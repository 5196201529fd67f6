package io.threebot.deployer.internal.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.chat.SessionStatus;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.internal.store.Leases;
import io.threebot.deployer.internal.store.OutageBackoff;
import io.threebot.deployer.spi.StoreUnavailableException;
import io.threebot.deployer.store.InMemoryStateStore;
import io.threebot.deployer.testing.CuttableStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A long step that meets a store outage waits it out, visibly, and never fails its chat for it. */
class ChatEngineStoreOutageTest {
    private static final ChatEngine.Limits LIMITS = new ChatEngine.Limits(50, Duration.ofHours(24));
    private static final OutageBackoff.Policy QUICK = new OutageBackoff.Policy(Duration.ofMillis(10),
            Duration.ofMillis(40), Duration.ofSeconds(20));
    private static final String WAITING = "The deployer's database cannot be reached; trying again in 1 s";

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final CuttableStore store = new CuttableStore(new InMemoryStateStore());
    private final AtomicInteger runs = new AtomicInteger();
    private final List<ChatMessage> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static FlowDefinition flow(StepAction work) {
        return new FlowDefinition("toy", "Toy", List.of(
                Step.of("Ask", Question.builder("color", Category.SINGLE_CHOICE).text("Color?")
                        .options(List.of("red", "blue")).required().build()),
                Step.of("Work", Action.of("work", "Working.", work)).withBackDisabled(),
                Step.of("Done", Question.builder("done", Category.MD_SHOW)
                        .text(ctx -> "Made " + ctx.data("made", String.class).orElse("?")).build()).asFinal()));
    }

    private ChatEngine engine(StepAction work, OutageBackoff.Policy policy) {
        ChatEngine engine = ChatEngine.builder().flows(List.of(flow(work))).store(store)
                .sealer(AesGcmSecretSealer.ephemeral()).clock(Clock.systemUTC()).sharedExecutor(executor)
                .limits(LIMITS).leases(new Leases(store, "here", Duration.ofSeconds(30), Clock.systemUTC()))
                .outages(policy).build();
        engine.addListener(seen::add);
        return engine;
    }

    /** A step that reads a record of kind {@code paint}, as a deployment reads its journal. */
    private StepAction painting() {
        return (state, progress) -> {
            runs.incrementAndGet();
            try {
                store.get("paint", "red", String.class);
            } catch (StoreUnavailableException e) {
                // wrapped, as a deployment's own errors wrap what they met
                throw new DeployerException("could not read the paint", e);
            }
            state.put("made", "a " + state.requireAnswer("color") + " thing");
        };
    }

    @Test
    void aStepWhoseStoreFailsForAFewAttemptsRunsAgainAndFinishesWithoutFailingTheChat() throws Exception {
        ChatEngine engine = engine(painting(), QUICK);
        store.failNext("paint", 3);
        String id = engine.start("u", "toy").sessionId();

        engine.answer(id, "u", "red");
        ChatMessage done = engine.awaitNext(id, "u", Duration.ofSeconds(10));

        assertThat(done.payload().msg()).isEqualTo("Made a red thing");
        assertThat(runs).as("three runs met the outage, the fourth went through").hasValue(4);
        assertThat(seen).filteredOn(ChatMessage::busy).extracting(m -> m.payload().msg())
                .contains(WAITING + " (attempt 2).", WAITING + " (attempt 3).", WAITING + " (attempt 4).");
        assertThat(seen).as("the chat never failed").noneMatch(m -> m.category() == Category.ERROR);
        assertThat(engine.status(id, "u")).isEqualTo(SessionStatus.WAITING_FOR_ANSWER);
        assertThat(engine.answer(id, "u", "").category()).isEqualTo(Category.END);
        engine.close();
    }

    @Test
    void recordingTheEndOfAStepWaitsOutAnOutageWithoutRunningTheStepAgain() throws Exception {
        ChatEngine engine = engine((state, progress) -> {
            runs.incrementAndGet();
            state.put("made", "it");
            store.failNext(ChatEngine.SESSIONS, 2); // the engine's next reads of the session fail
        }, QUICK);
        String id = engine.start("u", "toy").sessionId();

        engine.answer(id, "u", "blue");
        // heard, not read: a client reading the session now would meet the outage meant for the engine
        assertThat(eventually(() -> seen.stream().anyMatch(m -> m.payload().msg().equals("Made it")))).isTrue();

        assertThat(engine.current(id, "u").payload().msg()).isEqualTo("Made it");
        assertThat(store.outagesMet(ChatEngine.SESSIONS)).isEqualTo(2);
        assertThat(runs).as("the step ran once; only its end was recorded again").hasValue(1);
        assertThat(seen).extracting(m -> m.payload().msg()).contains(WAITING + " (attempt 2).");
        assertThat(seen).noneMatch(m -> m.category() == Category.ERROR);
        engine.close();
    }

    @Test
    void anOutageLongerThanThePolicyLeavesTheChatBusyWithItsLeaseReleasedForALaterTakeOver() throws Exception {
        OutageBackoff.Policy brief = new OutageBackoff.Policy(Duration.ofMillis(10), Duration.ofMillis(40),
                Duration.ofMillis(300));
        ChatEngine engine = engine(painting(), brief);
        store.failNext("paint", 1_000_000);
        String id = engine.start("u", "toy").sessionId();
        engine.answer(id, "u", "red");

        assertThat(eventually(() -> store.get(Leases.KIND, "session-" + id, Leases.Lease.class).isEmpty()))
                .as("the runner gave up and released the step's lease").isTrue();
        int runsWhenItGaveUp = runs.get();
        assertThat(runsWhenItGaveUp).isGreaterThan(2);
        Thread.sleep(100);
        assertThat(runs).as("nothing runs the step any more").hasValue(runsWhenItGaveUp);
        assertThat(engine.status(id, "u")).as("busy, never failed").isEqualTo(SessionStatus.BUSY);
        assertThat(seen).noneMatch(m -> m.category() == Category.ERROR);

        store.failNext("paint", 0); // the database is back
        assertThat(engine.resumeInterrupted()).as("taken up again").isEqualTo(1);
        assertThat(engine.awaitNext(id, "u", Duration.ofSeconds(10)).payload().msg()).isEqualTo("Made a red thing");
        engine.close();
    }

    @Test
    void closingTheEngineStopsAStepThatWaitsForTheStore() throws Exception {
        OutageBackoff.Policy slow = new OutageBackoff.Policy(Duration.ofMillis(50), Duration.ofMillis(50),
                Duration.ofMinutes(10));
        ChatEngine engine = engine(painting(), slow);
        store.failNext("paint", 1_000_000);
        String id = engine.start("u", "toy").sessionId();
        engine.answer(id, "u", "red");
        assertThat(eventually(() -> runs.get() >= 2)).isTrue();

        engine.close();
        Thread.sleep(150);
        int afterClose = runs.get();
        Thread.sleep(300);

        assertThat(runs).as("no attempt after the engine closed").hasValue(afterClose);
        assertThat(engine.status(id, "u")).isEqualTo(SessionStatus.BUSY);
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
