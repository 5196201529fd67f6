package io.threebot.deployer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.internal.deploy.DeploymentJournal;
import io.threebot.deployer.model.ContainerSpec;
import io.threebot.deployer.model.GridUser;
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployment runs as a graph: the gateway's workloads go out while the pool is paid and the network comes up,
 * the container as soon as the network is up; a failure in either branch is retried or undone as a whole.
 */
class DeployGraphTest {
    private final TestWorld world = TestWorld.sample();
    private final ThreebotDeployer deployer = world.deployer();

    @AfterEach
    void close() {
        deployer.close();
    }

    private List<Workload> workloads(WorkloadType type) {
        GridUser user = world.grid.findUser("carol_mybot").orElseThrow();
        return world.grid.listWorkloads(user.id()).stream().filter(w -> w.type() == type)
                .sorted(Comparator.comparing(Workload::id)).toList();
    }

    private static Instant upAt(Workload w) {
        return w.result().orElseThrow().at();
    }

    @Test
    void theGatewayGoesOutWhileTheNetworkComesUpAndTheContainerAsSoonAsTheNetworkIsUp() {
        world.grid.deployDelay(Duration.ofMillis(300));
        ChatMessage last = ChatDriver.start(deployer, "carol").runToEnd(Map.of());

        assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
        List<Workload> network = workloads(WorkloadType.NETWORK_RESOURCE);
        assertThat(network).as("one generation, never grown").isNotEmpty()
                .allSatisfy(w -> assertThat(w.nextAction()).isEqualTo(NextAction.DEPLOY));
        Instant networkUp = network.stream().map(DeployGraphTest::upAt).max(Comparator.naturalOrder()).orElseThrow();
        Instant networkFirstUp = network.stream().map(DeployGraphTest::upAt).min(Comparator.naturalOrder())
                .orElseThrow();
        assertThat(workloads(WorkloadType.SUBDOMAIN)).singleElement()
                .satisfies(w -> assertThat(w.epoch()).as("sent before the network was up").isBefore(networkFirstUp));
        assertThat(workloads(WorkloadType.REVERSE_PROXY)).singleElement()
                .satisfies(w -> assertThat(w.epoch()).as("sent before the network was up").isBefore(networkFirstUp));
        assertThat(workloads(WorkloadType.CONTAINER)).singleElement().satisfies(w -> {
            assertThat(w.epoch()).as("sent once the network was up").isAfterOrEqualTo(networkUp);
            assertThat(w.epoch()).as("and not a deploy delay later").isBefore(networkUp.plusMillis(300));
        });
    }

    @Test
    void aNetworkThatFailsWhileTheGatewayWentOutUndoesBoth() {
        world.grid.failures().failNextWorkloads(WorkloadType.NETWORK_RESOURCE, 1);
        ChatMessage last = ChatDriver.start(deployer, "carol").runToEnd(Map.of());

        assertThat(last.category()).isEqualTo(Category.ERROR);
        assertThat(last.payload().msg()).startsWith("The grid failed while deploying your 3Bot")
                .contains("Everything set up for it was removed").contains("is refunded in full");
        assertThat(workloads(WorkloadType.SUBDOMAIN)).as("the gateway went out alongside").hasSize(1);
        assertUndone();
    }

    @Test
    void aGatewayTheGridRefusesWhileTheNetworkComesUpUndoesTheNetworkToo() {
        world.grid.deployDelay(Duration.ofMillis(200));
        world.grid.failures().refuseNextWorkloads(WorkloadType.REVERSE_PROXY, 1);
        ChatMessage last = ChatDriver.start(deployer, "carol").runToEnd(Map.of());

        assertThat(last.category()).isEqualTo(Category.ERROR);
        assertThat(last.payload().msg()).startsWith("The grid failed while deploying your 3Bot")
                .contains("sending a reverse_proxy workload").contains("is refunded in full");
        assertThat(workloads(WorkloadType.NETWORK_RESOURCE)).as("the network went out alongside").isNotEmpty();
        assertUndone();
    }

    private void assertUndone() {
        GridUser user = world.grid.findUser("carol_mybot").orElseThrow();
        assertThat(world.grid.listWorkloads(user.id())).isNotEmpty()
                .allSatisfy(w -> assertThat(w.nextAction()).isIn(NextAction.DELETE, NextAction.DELETED));
        assertThat(Internals.storedThreebots(deployer, "carol")).isEmpty();
        assertThat(world.payments.receipts()).isNotEmpty().allSatisfy(r -> assertThat(r.refunded()).isTrue());
        assertThat(world.ledger.netOf(SimulatedLedger.AUTO_PAYER)).as("the user paid and got it all back").isZero();
        assertThat(world.store.list(DeploymentJournal.KIND, DeploymentJournal.class)).singleElement()
                .satisfies(j -> assertThat(j.value().outcome()).isEqualTo(DeploymentJournal.Outcome.COMPENSATED));
    }

    @Test
    void aProxyThatFailsWhileTheContainerComesUpMovesBothToAnotherDomain() {
        world.grid.failures().failNextWorkloads(WorkloadType.REVERSE_PROXY, 1);
        ChatMessage last = ChatDriver.start(deployer, "carol").runToEnd(Map.of());

        assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
        Threebot bot = Internals.storedThreebots(deployer, "carol").get(0);
        List<Workload> containers = workloads(WorkloadType.CONTAINER);
        assertThat(containers).as("the first was sent for the failed domain").hasSize(2);
        assertThat(containers.get(0).nextAction()).isIn(NextAction.DELETE, NextAction.DELETED);
        Workload running = containers.get(1);
        assertThat(running.nextAction()).isEqualTo(NextAction.DEPLOY);
        assertThat(running.id()).isEqualTo(bot.workloadIds().get(2));
        assertThat(((ContainerSpec) running.spec()).environment().get("DOMAIN")).isEqualTo(bot.domain());
        assertThat(((ContainerSpec) containers.get(0).spec()).environment().get("DOMAIN"))
                .isNotEqualTo(bot.domain());
    }

    @Test
    void aContainerThatFailsWhileTheGatewayComesUpKeepsTheGateway() {
        world.grid.failures().failNextWorkloads(WorkloadType.CONTAINER, 1);
        ChatMessage last = ChatDriver.start(deployer, "carol").runToEnd(Map.of("policy", "Farm", "farm", "freefarm"));

        assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
        Threebot bot = Internals.storedThreebots(deployer, "carol").get(0);
        assertThat(workloads(WorkloadType.CONTAINER)).hasSize(2);
        assertThat(workloads(WorkloadType.SUBDOMAIN)).singleElement()
                .satisfies(w -> assertThat(w.id()).isEqualTo(bot.workloadIds().get(0)));
        assertThat(workloads(WorkloadType.REVERSE_PROXY)).singleElement()
                .satisfies(w -> assertThat(w.id()).isEqualTo(bot.workloadIds().get(1)));
    }

    @Test
    void aDeployerStoppedWhileTheGatewayIsOutAndTheNetworkIsNotUpResumesWithoutSendingEitherTwice(
            @TempDir Path dataDirectory) throws Exception {
        TestWorld files = TestWorld.sampleWithFiles(dataDirectory);
        files.grid.deployDelay(Duration.ofMillis(400));
        String sessionId;
        try (ThreebotDeployer first = files.deployer()) {
            ChatDriver chat = ChatDriver.start(first, "gus");
            chat.answerUntil("payment", Map.of());
            assertThat(first.forOwner("gus").answer(chat.sessionId(), "").busy()).isTrue();
            sessionId = chat.sessionId();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && (files.grid.findUser("gus_mybot").isEmpty()
                    || files.grid.listWorkloads(files.grid.findUser("gus_mybot").get().id()).stream()
                    .noneMatch(w -> w.type() == WorkloadType.REVERSE_PROXY))) {
                Thread.sleep(2);
            }
        }
        long tid = files.grid.findUser("gus_mybot").orElseThrow().id();
        assertThat(files.grid.listWorkloads(tid)).as("stopped with the gateway out, the network not up")
                .anyMatch(w -> w.type() == WorkloadType.REVERSE_PROXY)
                .noneMatch(w -> w.type() == WorkloadType.CONTAINER);

        try (ThreebotDeployer second = files.deployer()) {
            assertThat(second.resumedSessions()).isEqualTo(1);
            ChatMessage last = ChatDriver.resume(second, "gus", sessionId).runToEnd(Map.of());
            assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
        }
        List<Workload> all = files.grid.listWorkloads(tid);
        assertThat(all).filteredOn(w -> w.type() == WorkloadType.SUBDOMAIN).hasSize(1);
        assertThat(all).filteredOn(w -> w.type() == WorkloadType.REVERSE_PROXY).hasSize(1);
        assertThat(all).filteredOn(w -> w.type() == WorkloadType.CONTAINER).hasSize(1);
        assertThat(all).filteredOn(w -> w.type() == WorkloadType.NETWORK_RESOURCE)
                .allSatisfy(w -> assertThat(w.nextAction()).isEqualTo(NextAction.DEPLOY));
        assertThat(files.payments.receipts()).hasSize(1);
    }
}
