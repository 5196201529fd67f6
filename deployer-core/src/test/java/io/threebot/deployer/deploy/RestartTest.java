package io.threebot.deployer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.billing.PaymentStatus;
import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.chat.SessionStatus;
import io.threebot.deployer.internal.deploy.DeploymentJournal;
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions are data: a new deployer on the same store carries on where the old one stopped. */
class RestartTest {
    @TempDir
    Path dataDirectory;

    @Test
    void aSessionSavedByOneDeployerIsFinishedByAnother() {
        TestWorld world = TestWorld.sampleWithFiles(dataDirectory);
        String sessionId;
        try (ThreebotDeployer first = world.deployer()) {
            ChatDriver chat = ChatDriver.start(first, "frank");
            chat.answerUntil("password", Map.of());
            chat.answer("password", "correct horse");
            sessionId = chat.sessionId();
        }
        try (ThreebotDeployer second = world.deployer()) {
            assertThat(second.resumedSessions()).isZero();
            ChatDriver chat = ChatDriver.resume(second, "frank", sessionId);
            assertThat(chat.current().questionKey()).contains("policy");
            ChatMessage last = chat.runToEnd(Map.of("password", "correct horse"));
            assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
            assertThat(Internals.storedThreebots(second, "frank")).singleElement()
                    .satisfies(b -> assertThat(b.state()).isEqualTo(ThreebotState.RUNNING));
        }
    }

    @Test
    void aDeployerStoppedInTheMiddleOfADeploymentIsResumedWithoutPayingOrDeployingTwice() throws Exception {
        TestWorld world = TestWorld.sampleWithFiles(dataDirectory);
        world.grid.failures().delayCalls(Duration.ofMillis(15));
        String sessionId;
        try (ThreebotDeployer first = world.deployer()) {
            ChatDriver chat = ChatDriver.start(first, "frank");
            chat.answerUntil("payment", Map.of());
            ChatMessage busy = first.forOwner("frank").answer(chat.sessionId(), "");
            assertThat(busy.busy()).isTrue();
            sessionId = chat.sessionId();
            // stop once the pool is paid and the network is being built
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (world.payments.receipts().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(world.payments.receipts()).hasSize(1);
        }
        assertThat(world.store.list(DeploymentJournal.KIND, DeploymentJournal.class)).singleElement()
                .satisfies(j -> assertThat(j.value().outcome()).isEqualTo(DeploymentJournal.Outcome.IN_PROGRESS));

        world.grid.failures().clear();
        try (ThreebotDeployer second = world.deployer()) {
            assertThat(second.resumedSessions()).isEqualTo(1);
            ChatMessage next = second.forOwner("frank").awaitNext(sessionId, Duration.ofSeconds(30));
            ChatMessage last = ChatDriver.resume(second, "frank", sessionId).runToEnd(Map.of());
            assertThat(last.category()).as(last.payload().msg() + " / " + next.payload().msg())
                    .isEqualTo(Category.END);
            assertThat(second.forOwner("frank").status(sessionId)).isEqualTo(SessionStatus.FINISHED);
        }

        assertThat(world.payments.receipts()).hasSize(1);
        long tid = world.grid.findUser("frank_mybot").orElseThrow().id();
        List<Workload> live = world.grid.listWorkloads(tid).stream()
                .filter(w -> w.nextAction() == NextAction.DEPLOY).toList();
        assertThat(live).filteredOn(w -> w.type() == WorkloadType.CONTAINER).hasSize(1);
        assertThat(live).filteredOn(w -> w.type() == WorkloadType.SUBDOMAIN).hasSize(1);
        assertThat(live).filteredOn(w -> w.type() == WorkloadType.REVERSE_PROXY).hasSize(1);
        assertThat(world.grid.listPools(tid)).filteredOn(p -> p.cus() > 0).hasSize(1);
    }

    @Test
    void aDeployerStoppedWhileWaitingForThePaymentWaitsForTheSamePaymentWhenStartedAgain() throws Exception {
        TestWorld world = TestWorld.sampleWithFiles(dataDirectory);
        world.ledger.payNothing();
        String sessionId;
        String paymentId;
        try (ThreebotDeployer first = world.deployer()) {
            ChatDriver chat = ChatDriver.start(first, "frank");
            chat.answerUntil("payment", Map.of());
            paymentId = String.valueOf(chat.current().payload().kwargs().get("payment_id"));
            sessionId = chat.sessionId();
            assertThat(first.forOwner("frank").answer(sessionId, "").busy()).isTrue();
            Thread.sleep(50);
        }
        try (ThreebotDeployer second = world.deployer()) {
            assertThat(second.resumedSessions()).isEqualTo(1);
            UserPayment request = second.forOwner("frank").payment(paymentId);
            world.ledger.pay("GFRANK", request.amountStroops(), request.memo());
            ChatMessage last = ChatDriver.resume(second, "frank", sessionId).runToEnd(Map.of());
            assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
            assertThat(second.forOwner("frank").payment(paymentId).status()).isEqualTo(PaymentStatus.SETTLED);
        }
        assertThat(world.ledger.demands()).as("one payment request for the whole deploy").hasSize(1);
        assertThat(world.ledger.refunds()).isEmpty();
        assertThat(world.payments.receipts()).hasSize(1);
    }
}
