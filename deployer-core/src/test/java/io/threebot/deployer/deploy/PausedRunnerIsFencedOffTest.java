package io.threebot.deployer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.chat.SessionStatus;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.internal.deploy.DeploymentJournal;
import io.threebot.deployer.internal.deploy.JournalEntry;
import io.threebot.deployer.internal.flows.PaymentSteps;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.spi.Versioned;
import io.threebot.deployer.store.InMemoryStateStore;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.CuttableStore;
import io.threebot.deployer.testing.TestWorld;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An instance frozen (as by SIGSTOP) in the middle of a deployment, past its lease, while another instance takes the
 * deployment over and finishes it: once woken, the frozen one writes nothing and sends nothing.
 */
class PausedRunnerIsFencedOffTest {
    private static final DeployerSettings SETTINGS = TestWorld.fastSettings().leaseDuration(Duration.ofMillis(600))
            .build();

    /** Journal positions to freeze at: the moment a side effect is about to be journaled as begun. */
    static Stream<String> positions() {
        return Stream.of("pay:pool", "wl:network-g1-", "wl:subdomain-1", "wl:proxy-1", "wl:container-1");
    }

    @ParameterizedTest
    @MethodSource("positions")
    void aWokenRunnerWritesAndSendsNothingAfterItsLeaseWasTakenOver(String position) throws Exception {
        InMemoryStateStore shared = new InMemoryStateStore();
        CuttableStore storeA = new CuttableStore(shared, true);
        CuttableStore storeB = new CuttableStore(shared, true);
        TestWorld world = TestWorld.sampleOn(storeA);
        storeA.freezeAt(beginning(position));
        try (ThreebotDeployer a = world.builder(SETTINGS).store(storeA).instanceId("a").build().start()) {
            ChatDriver chat = ChatDriver.start(a, "pia");
            chat.answerUntil(PaymentSteps.QUESTION_KEY, Map.of());
            a.forOwner("pia").answer(chat.sessionId(), "");
            awaitTrue(storeA::frozen);

            ChatMessage end;
            try (ThreebotDeployer b = world.builder(SETTINGS).store(storeB).instanceId("b").build().start()) {
                end = ChatDriver.resume(b, "pia", chat.sessionId()).runToEnd(Map.of());
                assertThat(end.category()).as(end.payload().msg()).isEqualTo(Category.END);
                assertThat(Internals.storedThreebots(b, "pia")).singleElement()
                        .satisfies(t -> assertThat(t.state()).isEqualTo(ThreebotState.RUNNING));
            }
            long tid = world.grid.findUser("pia_mybot").orElseThrow().id();
            List<Workload> gridBefore = world.grid.listWorkloads(tid);
            int paymentsBefore = world.payments.receipts().size();
            List<Versioned<Object>> storeBefore = everything(shared);

            storeA.thaw();
            Thread.sleep(SETTINGS.leaseDuration().toMillis() * 2);

            assertThat(world.grid.listWorkloads(tid)).as("the grid, after the woken instance ran")
                    .usingRecursiveFieldByFieldElementComparator().containsExactlyInAnyOrderElementsOf(gridBefore);
            assertThat(world.payments.receipts()).as("pool payments").hasSize(paymentsBefore);
            assertThat(world.payments.receipts()).as("none refunded").noneMatch(r -> r.refunded());
            assertThat(world.ledger.refunds()).as("the user's payment is kept").isEmpty();
            assertThat(everything(shared)).as("the store").usingRecursiveFieldByFieldElementComparator()
                    .containsExactlyInAnyOrderElementsOf(storeBefore);
            assertThat(a.forOwner("pia").status(chat.sessionId())).isEqualTo(SessionStatus.FINISHED);
        }
    }

    private static BiPredicate<String, Object> beginning(String key) {
        return (kind, value) -> kind.equals(DeploymentJournal.KIND) && value instanceof DeploymentJournal journal
                && journal.entries().entrySet().stream().anyMatch(e -> e.getKey().startsWith(key)
                && e.getValue().status() == JournalEntry.Status.PENDING);
    }

    /** Every record but the leases (which the woken instance may still try to renew, and cannot). */
    private static List<Versioned<Object>> everything(InMemoryStateStore store) {
        return Stream.of(DeploymentJournal.KIND, "threebots", io.threebot.deployer.internal.chat.ChatEngine.SESSIONS,
                        "user-payments", "threebot-names", "operator-spending", "operator-spending-counted",
                        "backup-tokens")
                .flatMap(kind -> store.list(kind, Object.class).stream()).toList();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).as("the instance froze at its position").isTrue();
    }
}
