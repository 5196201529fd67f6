package io.threebot.deployer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.billing.PaymentStatus;
import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.chat.SessionStatus;
import io.threebot.deployer.internal.billing.UserBilling;
import io.threebot.deployer.internal.chat.ChatEngine;
import io.threebot.deployer.internal.deploy.DeploymentJournal;
import io.threebot.deployer.internal.flows.PaymentSteps;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.store.InMemoryStateStore;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.CuttableStore;
import io.threebot.deployer.testing.TestWorld;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A disk that fills while a deployment fails: the refunds go out at once all the same, and once the disk has room
 * the deployment finishes undoing itself (on its own, without a restart) and moves no money twice.
 */
class DiskFullDuringDeployTest {
    private static final long OPERATOR_FUNDS = 10_000_000_000_000L;

    @Test
    void refundsGoOutWhileNothingCanBeWrittenAndTheUndoingFinishesOnceTheDiskHasRoom() throws Exception {
        CuttableStore disk = new CuttableStore(new InMemoryStateStore());
        TestWorld world = TestWorld.sampleOn(disk);
        AtomicInteger retries = new AtomicInteger();
        world.grid.failures().failNextWorkloads(WorkloadType.CONTAINER, 3);
        try (ThreebotDeployer deployer = world.builder(TestWorld.fastSettings()
                        .leaseDuration(Duration.ofMillis(600)).build())
                .events(e -> {
                    if (e.kind() == DeploymentEvent.Kind.RETRIED && retries.incrementAndGet() == 2) {
                        disk.failWrites(); // the last attempt and the undoing meet a full disk
                    }
                }).build().start()) {
            ChatDriver chat = ChatDriver.start(deployer, "dora");
            chat.answerUntil(PaymentSteps.QUESTION_KEY, Map.of("policy", "Farm", "farm", "freefarm"));
            deployer.forOwner("dora").answer(chat.sessionId(), "");

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (world.ledger.netOf(SimulatedLedger.AUTO_PAYER) != 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(world.ledger.netOf(SimulatedLedger.AUTO_PAYER)).as("the user has it all back, unrecorded")
                    .isZero();
            // the step's runner tries to record its end once the refunds went out: the disk refuses that too
            while (disk.refusedWrites(ChatEngine.SESSIONS) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(disk.refusedWrites(ChatEngine.SESSIONS)).isPositive();
            assertThat(world.payments.balanceStroops()).as("the pool payment came back").isEqualTo(OPERATOR_FUNDS);
            assertThat(deployer.forOwner("dora").status(chat.sessionId())).as("nothing could record the end")
                    .isEqualTo(SessionStatus.BUSY);

            disk.reconnect();
            ChatMessage end = ChatDriver.resume(deployer, "dora", chat.sessionId()).settle();

            assertThat(end.category()).as(end.payload().msg()).isEqualTo(Category.ERROR);
            assertThat(end.payload().msg()).contains("could not be deployed");
            assertThat(deployer.forOwner("dora").status(chat.sessionId())).isEqualTo(SessionStatus.FAILED);
            assertThat(world.ledger.refunds()).as("one refund, though it was sent twice").hasSize(1);
            assertThat(world.ledger.netOf(SimulatedLedger.AUTO_PAYER)).isZero();
            assertThat(world.payments.balanceStroops()).isEqualTo(OPERATOR_FUNDS);
            assertThat(disk.list(DeploymentJournal.KIND, DeploymentJournal.class)).singleElement()
                    .satisfies(j -> assertThat(j.value().outcome()).isEqualTo(DeploymentJournal.Outcome.COMPENSATED));
            assertThat(disk.list(UserBilling.KIND, UserPayment.class)).singleElement()
                    .satisfies(p -> assertThat(p.value().status()).isEqualTo(PaymentStatus.REFUNDED));
            assertThat(Internals.storedThreebots(deployer, "dora")).isEmpty();
        }
    }
}
