package io.threebot.deployer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.chat.SessionStatus;
import io.threebot.deployer.internal.deploy.DeploymentJournal;
import io.threebot.deployer.internal.deploy.JournalEntry;
import io.threebot.deployer.model.GridUser;
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.spi.PaymentReceipt;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryAndCompensationTest {
    private final TestWorld world = TestWorld.sample();
    private final ThreebotDeployer deployer = world.deployer();

    @AfterEach
    void close() {
        deployer.close();
    }

    private List<Workload> workloadsOf(String identity) {
        GridUser user = world.grid.findUser(identity).orElseThrow();
        return world.grid.listWorkloads(user.id());
    }

    @Test
    void aFailedContainerIsRetriedOnAnotherNode() {
        world.grid.failures().failNextWorkloads(WorkloadType.CONTAINER, 1);
        ChatDriver chat = ChatDriver.start(deployer, "carol");
        ChatMessage last = chat.runToEnd(Map.of("policy", "Farm", "farm", "freefarm"));

        assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
        assertThat(chat.seen()).anyMatch(m -> m.busy() && m.payload().msg().contains("retrying elsewhere"));
        Threebot bot = Internals.storedThreebots(deployer, "carol").get(0);
        List<Workload> containers = workloadsOf("carol_mybot").stream()
                .filter(w -> w.type() == WorkloadType.CONTAINER).toList();
        assertThat(containers).hasSize(2);
        Workload failed = containers.get(0);
        Workload running = containers.get(1);
        assertThat(failed.nextAction()).isIn(NextAction.DELETE, NextAction.DELETED);
        assertThat(running.id()).isEqualTo(bot.workloadIds().get(2));
        assertThat(running.nodeId()).isEqualTo(bot.nodeId()).isNotEqualTo(failed.nodeId());
        assertThat(bot.state()).isEqualTo(ThreebotState.RUNNING);
    }

    @Test
    void aFailedProxyIsRetriedOnAnotherDomain() {
        world.grid.failures().failNextWorkloads(WorkloadType.REVERSE_PROXY, 1);
        ChatMessage last = ChatDriver.start(deployer, "carol").runToEnd(Map.of());

        assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
        List<Workload> proxies = workloadsOf("carol_mybot").stream()
                .filter(w -> w.type() == WorkloadType.REVERSE_PROXY).toList();
        assertThat(proxies).hasSize(2);
        String firstDomain = ((io.threebot.deployer.model.ReverseProxySpec) proxies.get(0).spec()).domain();
        Threebot bot = Internals.storedThreebots(deployer, "carol").get(0);
        assertThat(bot.domain()).isNotEqualTo(firstDomain);
        assertThat(proxies.get(0).nextAction()).isIn(NextAction.DELETE, NextAction.DELETED);
    }

    @Test
    void whenEveryAttemptFailsEverythingIsRemovedAndThePaymentRefunded() {
        world.grid.failures().failNextWorkloads(WorkloadType.CONTAINER, 3);
        ChatDriver chat = ChatDriver.start(deployer, "carol");
        ChatMessage last = chat.runToEnd(Map.of("policy", "Farm", "farm", "freefarm"));

        assertThat(last.category()).isEqualTo(Category.ERROR);
        assertThat(last.payload().msg()).startsWith("Your 3Bot could not be deployed: container workload")
                .contains("Everything set up for it was removed. Your payment of").contains("TFT is refunded in full.");
        assertThat(deployer.forOwner("carol").status(chat.sessionId())).isEqualTo(SessionStatus.FAILED);
        assertThat(Internals.storedThreebots(deployer, "carol")).isEmpty();
        assertThat(workloadsOf("carol_mybot")).isNotEmpty()
                .allSatisfy(w -> assertThat(w.nextAction()).isIn(NextAction.DELETE, NextAction.DELETED));
        List<PaymentReceipt> receipts = world.payments.receipts();
        assertThat(receipts).hasSize(1).allSatisfy(r -> assertThat(r.refunded()).isTrue());
        assertThat(world.payments.balanceStroops()).isEqualTo(10_000_000_000_000L);
        assertThat(world.ledger.netOf(SimulatedLedger.AUTO_PAYER)).as("the user paid and got it all back").isZero();
        assertThat(world.ledger.refunds()).hasSize(1);
        DeploymentJournal journal = world.store.list(DeploymentJournal.KIND, DeploymentJournal.class).get(0).value();
        assertThat(journal.outcome()).isEqualTo(DeploymentJournal.Outcome.COMPENSATED);
        assertThat(journal.entries().entrySet()).filteredOn(e -> e.getKey().startsWith("wl:"))
                .allSatisfy(e -> assertThat(e.getValue().status()).isEqualTo(JournalEntry.Status.COMPENSATED));
    }

    @Test
    void runningOutOfNodesSaysSo() {
        world.grid.failures().failNextWorkloads(WorkloadType.CONTAINER, 3);
        ChatMessage last = ChatDriver.start(deployer, "carol").runToEnd(Map.of("policy", "Farm", "farm", "greenedge"));

        assertThat(last.category()).isEqualTo(Category.ERROR);
        assertThat(last.payload().msg()).contains("and no other node on farm greenedge has room for it.")
                .contains("Everything set up for it was removed");
        assertThat(world.payments.receipts()).allSatisfy(r -> assertThat(r.refunded()).isTrue());
    }

    @Test
    void aChosenNodeGetsOneAttemptOnly() {
        world.grid.failures().failNextWorkloads(WorkloadType.CONTAINER, 1);
        ChatMessage last = ChatDriver.start(deployer, "carol")
                .runToEnd(Map.of("policy", "Specific node", "node", "node-ghent-2"));

        assertThat(last.category()).isEqualTo(Category.ERROR);
        assertThat(last.payload().msg()).contains("node-ghent-2");
        assertThat(workloadsOf("carol_mybot")).filteredOn(w -> w.type() == WorkloadType.CONTAINER).hasSize(1);
    }

    @Test
    void aFailedPaymentEndsTheFlowAndLeavesNothingRunning() {
        world.payments.failNextPayments(1);
        ChatMessage last = ChatDriver.start(deployer, "carol").runToEnd(Map.of());

        assertThat(last.category()).isEqualTo(Category.ERROR);
        assertThat(last.payload().msg()).startsWith("The operator's wallet could not pay for your 3Bot's capacity.")
                .doesNotContain("simulated payment failure")
                .endsWith("TFT is refunded in full.");
        assertThat(world.payments.receipts()).isEmpty();
        assertThat(workloadsOf("carol_mybot")).allSatisfy(
                w -> assertThat(w.nextAction()).isIn(NextAction.DELETE, NextAction.DELETED));
    }

    @Test
    void anUnreachable3BotIsMarkedErrorNotLeftRunning() {
        world.reachability.silence("mybot.3bot.grid.tf");
        world.reachability.silence("mybot.3bot.toronto.grid.tf");
        ChatMessage last = ChatDriver.start(deployer, "carol").runToEnd(Map.of());

        assertThat(last.category()).isEqualTo(Category.ERROR);
        assertThat(last.payload().msg()).contains("did not answer on https://mybot.").contains("state ERROR");
        assertThat(Internals.storedThreebots(deployer, "carol")).singleElement()
                .satisfies(b -> assertThat(b.state()).isEqualTo(ThreebotState.ERROR));
    }
}
