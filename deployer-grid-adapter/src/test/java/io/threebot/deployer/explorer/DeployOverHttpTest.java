package io.threebot.deployer.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.internal.deploy.DeploymentJournal;
import io.threebot.deployer.model.ContainerSpec;
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.support.NoLogStreams;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole deploy flow through the explorer adapter, over a real socket, against the explorer simulator. */
class DeployOverHttpTest {
    private final TestWorld world = TestWorld.sample();
    private final ExplorerSimulator simulator;
    private final ExplorerGridClient client;

    DeployOverHttpTest() throws Exception {
        simulator = ExplorerSimulator.start(world.grid, 3);
        client = new ExplorerGridClient(ExplorerSettings.builder(simulator.baseUrl())
                .requestTimeout(Duration.ofSeconds(5)).backoff(Duration.ofMillis(10)).build());
    }

    @AfterEach
    void stop() {
        client.close();
        simulator.close();
    }

    @Test
    void a3BotIsDeployedOverHttpWithEncryptedSecrets() {
        try (ThreebotDeployer deployer = world.deployerOn(client, TestWorld.fastSettings().build(),
                new NoLogStreams())) {
            ChatMessage last = ChatDriver.start(deployer, "henry").runToEnd(Map.of("policy", "Farm",
                    "farm", "greenedge"));
            assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
            Threebot bot = Internals.storedThreebots(deployer, "henry").get(0);
            assertThat(bot.state()).isEqualTo(ThreebotState.RUNNING);
            assertThat(bot.farmName()).isEqualTo("greenedge");

            ContainerSpec stored = (ContainerSpec) world.grid.getWorkload(bot.workloadIds().get(2)).orElseThrow()
                    .spec();
            String backupPassword = stored.secretEnvironment().get("BACKUP_PASSWORD").value();
            assertThat(backupPassword).isNotEqualTo(ChatDriver.DEFAULTS.get("password")).matches("[0-9a-f]+")
                    .hasSize(2 * (24 + 16 + 32)); // nonce, MAC and the 32-character container secret
            assertThat(world.grid.getWorkload(bot.workloadIds().get(0)).orElseThrow().metadata())
                    .doesNotContain("henry");
        }
        assertThat(simulator.requests()).isGreaterThan(20);
    }

    @Test
    void aFailingExplorerLeavesTheJournalConsistent() {
        world.grid.failures().failNextCalls("deployWorkload", 100);
        try (ThreebotDeployer deployer = world.deployerOn(client, TestWorld.fastSettings().build(),
                new NoLogStreams())) {
            ChatMessage last = ChatDriver.start(deployer, "henry").runToEnd(Map.of());
            assertThat(last.category()).isEqualTo(Category.ERROR);
            assertThat(last.payload().msg()).startsWith("The grid failed while deploying your 3Bot: the explorer "
                    + "refused POST /reservations/workloads (503)")
                    .contains("Everything set up for it was removed. Your payment of")
                    .doesNotContain("Signature keyId");
        }
        DeploymentJournal journal = world.store.list(DeploymentJournal.KIND, DeploymentJournal.class).get(0).value();
        assertThat(journal.outcome()).isEqualTo(DeploymentJournal.Outcome.COMPENSATED);
        long tid = world.grid.findUser("henry_mybot").orElseThrow().id();
        assertThat(world.grid.listWorkloads(tid)).allSatisfy(w -> assertThat(w.nextAction()).isNotEqualTo(
                NextAction.DEPLOY));
        assertThat(world.grid.listWorkloads(tid)).noneMatch(w -> w.type() == WorkloadType.CONTAINER);
        assertThat(world.payments.receipts()).allSatisfy(r -> assertThat(r.refunded()).isTrue());
    }
}
