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
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.store.InMemoryStateStore;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.CuttableStore;
import io.threebot.deployer.testing.TestWorld;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A deployer that dies while it undoes a failed deployment: the deployer that takes the deployment over finishes the
 * undoing. The user is refunded once and never also gets a running 3Bot.
 */
class UndoingResumesAsUndoingTest {
    private static final long OPERATOR_FUNDS = 10_000_000_000_000L;

    @Test
    void aDeployerThatDiesAfterRefundingThePoolFinishesTheUndoingWhenResumed() throws Exception {
        CuttableStore store = new CuttableStore(new InMemoryStateStore());
        TestWorld world = TestWorld.sampleOn(store);
        world.grid.failures().failNextWorkloads(WorkloadType.CONTAINER, 3);
        // dies right after the pool payment's refund was journaled, before the user's refund and the undoing's end
        store.cutAfter((kind, value) -> kind.equals(DeploymentJournal.KIND)
                && ((DeploymentJournal) value).entries().entrySet().stream().anyMatch(e -> e.getKey().startsWith("pay:")
                && e.getValue().status() == JournalEntry.Status.COMPENSATED));
        String sessionId;
        try (ThreebotDeployer first = world.deployer()) {
            ChatDriver chat = ChatDriver.start(first, "uma");
            chat.answerUntil(PaymentSteps.QUESTION_KEY, Map.of("policy", "Farm", "farm", "freefarm"));
            first.forOwner("uma").answer(chat.sessionId(), "");
            sessionId = chat.sessionId();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!(world.payments.balanceStroops() == OPERATOR_FUNDS && !world.payments.receipts().isEmpty())
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(world.payments.balanceStroops()).as("the pool payment came back").isEqualTo(OPERATOR_FUNDS);
            assertThat(world.ledger.refunds()).as("the user is not refunded yet").isEmpty();
        }
        store.reconnect();
        world.grid.failures().clear();
        assertThat(store.list(DeploymentJournal.KIND, DeploymentJournal.class)).singleElement()
                .satisfies(j -> assertThat(j.value().outcome()).isEqualTo(DeploymentJournal.Outcome.COMPENSATING));

        try (ThreebotDeployer second = world.deployer()) {
            assertThat(second.resumedSessions()).isEqualTo(1);
            ChatMessage end = ChatDriver.resume(second, "uma", sessionId).settle();

            assertThat(end.category()).as(end.payload().msg()).isEqualTo(Category.ERROR);
            assertThat(end.payload().msg()).contains("could not be deployed").contains("refunded");
            assertThat(Internals.storedThreebots(second, "uma")).as("no 3Bot besides the refund").isEmpty();
        }
        assertThat(world.ledger.refunds()).as("the user is refunded once").hasSize(1);
        assertThat(world.ledger.netOf(SimulatedLedger.AUTO_PAYER)).isZero();
        assertThat(world.payments.balanceStroops()).isEqualTo(OPERATOR_FUNDS);
        long tid = world.grid.findUser("uma_mybot").orElseThrow().id();
        assertThat(world.grid.listWorkloads(tid)).as("nothing left live on the grid")
                .noneMatch(w -> w.nextAction() == NextAction.DEPLOY);
        assertThat(store.list(DeploymentJournal.KIND, DeploymentJournal.class)).singleElement()
                .satisfies(j -> assertThat(j.value().outcome()).isEqualTo(DeploymentJournal.Outcome.COMPENSATED));
        assertThat(store.list(UserBilling.KIND, UserPayment.class)).singleElement()
                .satisfies(p -> assertThat(p.value().status()).isEqualTo(PaymentStatus.REFUNDED));
    }
}
