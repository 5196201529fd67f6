package io.threebot.deployer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.billing.PaymentStatus;
import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.internal.billing.UserBilling;
import io.threebot.deployer.internal.deploy.DeploymentJournal;
import io.threebot.deployer.internal.deploy.JournalEntry;
import io.threebot.deployer.internal.flows.PaymentSteps;
import io.threebot.deployer.model.GridUser;
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.spi.StoreUnavailableException;
import io.threebot.deployer.store.InMemoryStateStore;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.CuttableStore;
import io.threebot.deployer.testing.TestWorld;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The database goes away at one point of a paid deployment, for half a second or for one call on the deployment's
 * journal and one on its payment (what is back by the time an undoing would run): the chat waits, says so, and
 * finishes once it is back. Nothing is undone for the outage: no refund, no workload removed, the payment used once.
 */
class StoreOutageDuringDeployTest {
    private static final Duration OUTAGE = Duration.ofMillis(500);

    private final CuttableStore database = new CuttableStore(new InMemoryStateStore());
    private final TestWorld world = TestWorld.sampleOn(database);
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private final List<DeploymentEvent> events = new CopyOnWriteArrayList<>();
    private final List<ChatMessage> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        later.shutdownNow();
    }

    /** How the database goes away. */
    enum Outage {
        /** Every call fails for {@link #OUTAGE}. */
        HALF_A_SECOND,
        /** The next call on the journals and the next on the payment requests fail; the rest works. */
        ONE_CALL
    }

    /**
     * @param cutAt  the start of the progress message at which the database goes away
     * @param outage for how long
     */
    @ParameterizedTest(name = "{1} at \"{0}\"")
    @CsvSource({"Waiting for your payment, HALF_A_SECOND", "Waiting for your payment, ONE_CALL",
        "Creating your 3Bot's private network, HALF_A_SECOND", "Creating your 3Bot's private network, ONE_CALL",
        "Deploying your 3Bot on node, HALF_A_SECOND", "Deploying your 3Bot on node, ONE_CALL",
        "Initializing your 3Bot, HALF_A_SECOND", "Initializing your 3Bot, ONE_CALL"})
    void aDeploymentWaitsOutTheOutageAndFinishesWithNothingUndone(String cutAt, Outage outage) throws Exception {
        AtomicBoolean cut = new AtomicBoolean();
        try (ThreebotDeployer deployer = world.builder(TestWorld.fastSettings().build()).events(events::add)
                .build().start()) {
            deployer.addChatListener(m -> {
                seen.add(m);
                if (m.payload().msg().startsWith(cutAt) && cut.compareAndSet(false, true)) {
                    if (outage == Outage.HALF_A_SECOND) {
                        database.cut();
                        later.schedule(database::reconnect, OUTAGE.toMillis(), TimeUnit.MILLISECONDS);
                    } else {
                        database.failNext(DeploymentJournal.KIND, 1);
                        database.failNext(UserBilling.KIND, 1);
                    }
                }
            });
            ChatDriver chat = ChatDriver.start(deployer, "dora");
            chat.answerUntil(PaymentSteps.QUESTION_KEY, Map.of());
            deployer.forOwner("dora").answer(chat.sessionId(), "");

            ChatMessage end = throughOutage(() -> ChatDriver.resume(deployer, "dora", chat.sessionId()).settle());

            assertThat(cut).as("the database went away at '%s'", cutAt).isTrue();
            database.reconnect(); // a failure a step did not meet is not for the checks below
            assertThat(end.category()).as(end.payload().msg()).isEqualTo(Category.DOWNLOAD_FILE);
            assertThat(seen).as("the user saw the chat wait for the database").anyMatch(m -> m.busy()
                    && m.payload().msg().startsWith("The deployer's database cannot be reached; trying again in"));
            assertThat(seen).as("the chat never failed").noneMatch(m -> m.category() == Category.ERROR);
            assertThat(events).extracting(DeploymentEvent::kind).as("nothing undone")
                    .doesNotContain(DeploymentEvent.Kind.COMPENSATED, DeploymentEvent.Kind.FAILED);

            assertThat(world.ledger.refunds()).as("no refund").isEmpty();
            assertThat(world.ledger.netOf(SimulatedLedger.AUTO_PAYER)).as("the user paid once").isNegative();
            assertThat(world.payments.receipts()).as("the pool was paid once and kept").hasSize(1)
                    .allSatisfy(r -> assertThat(r.refunded()).isFalse());
            assertThat(database.list(UserBilling.KIND, UserPayment.class)).singleElement()
                    .satisfies(p -> assertThat(p.value().status()).isEqualTo(PaymentStatus.SETTLED));
            DeploymentJournal journal = database.list(DeploymentJournal.KIND, DeploymentJournal.class).get(0)
                    .value();
            assertThat(journal.outcome()).isEqualTo(DeploymentJournal.Outcome.SUCCEEDED);
            assertThat(journal.entries().values()).extracting(JournalEntry::status)
                    .doesNotContain(JournalEntry.Status.COMPENSATED);
            assertThat(Internals.storedThreebots(deployer, "dora")).singleElement()
                    .satisfies(t -> assertThat(t.state()).isEqualTo(ThreebotState.RUNNING));
            GridUser identity = world.grid.findUser("dora_mybot").orElseThrow();
            assertThat(world.grid.listWorkloads(identity.id())).as("every workload still live").isNotEmpty()
                    .extracting(Workload::nextAction).doesNotContain(NextAction.DELETE, NextAction.DELETED);
        }
    }

    /** What {@code call} returns once it no longer meets the outage, as a client polling through it would see. */
    private static <T> T throughOutage(Supplier<T> call) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return call.get();
            } catch (StoreUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }
}
