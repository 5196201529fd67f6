package io.threebot.deployer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.spi.DeploymentEvent.Kind;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DeploymentEventsTest {
    private final TestWorld world = TestWorld.sample();
    private final List<DeploymentEvent> events = new CopyOnWriteArrayList<>();

    @Test
    void aDeploymentReportsItsStartStepsProgressAndSuccess() {
        try (ThreebotDeployer deployer = world.builder(TestWorld.fastSettings().build()).events(events::add)
                .build().start()) {
            ChatMessage last = ChatDriver.start(deployer, "dora").runToEnd(Map.of());
            assertThat(last.category()).isEqualTo(Category.END);
        }
        assertThat(events).extracting(DeploymentEvent::kind).startsWith(Kind.PAYMENT_REQUESTED,
                Kind.PAYMENT_RECEIVED);
        List<DeploymentEvent> deployment = events.subList(2, events.size());
        assertThat(deployment).isNotEmpty().allSatisfy(e -> {
            assertThat(e.owner()).isEqualTo("dora");
            assertThat(e.threebotName()).isEqualTo("mybot");
            assertThat(e.deploymentId()).isEqualTo(deployment.get(0).deploymentId());
        });
        assertThat(deployment).extracting(DeploymentEvent::kind).startsWith(Kind.STEP_STARTED, Kind.STARTED)
                .endsWith(Kind.SUCCEEDED, Kind.STEP_ENDED);
        assertThat(deployment).filteredOn(e -> e.kind() == Kind.STEP_ENDED).extracting(DeploymentEvent::step)
                .containsExactly("set-up", "deploy", "initialize");
        assertThat(events).filteredOn(e -> e.kind() == Kind.STEP_DONE).extracting(DeploymentEvent::step)
                .containsExactly("set-up", "deploy");
        assertThat(events).filteredOn(e -> e.kind() == Kind.PROGRESS).extracting(DeploymentEvent::message)
                .anyMatch(m -> m.startsWith("Reserving a capacity pool"))
                .anyMatch(m -> m.startsWith("Deploying your 3Bot on node"));
        assertThat(events).noneMatch(e -> e.message().contains(ChatDriver.DEFAULTS.get("password")));
    }

    @Test
    void aFailedDeploymentReportsWhy() {
        world.grid.failures().failNextWorkloads(WorkloadType.CONTAINER, 3);
        try (ThreebotDeployer deployer = world.builder(TestWorld.fastSettings().build()).events(events::add)
                .build().start()) {
            ChatDriver.start(deployer, "dora").runToEnd(Map.of("policy", "Farm", "farm", "freefarm"));
        }
        assertThat(events.get(events.size() - 1)).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.STEP_ENDED);
            assertThat(e.message()).isEqualTo("failed");
        });
        assertThat(events).extracting(DeploymentEvent::kind).containsSubsequence(Kind.RETRIED, Kind.RETRIED,
                Kind.COMPENSATED, Kind.FAILED, Kind.STEP_ENDED);
        DeploymentEvent last = events.get(events.size() - 2);
        assertThat(last.kind()).isEqualTo(Kind.FAILED);
        assertThat(last.step()).isEqualTo("deploy");
        assertThat(last.message()).startsWith("Your 3Bot could not be deployed: container workload");
    }

    @Test
    void anObserverThatThrowsDoesNotStopTheDeployment() {
        try (ThreebotDeployer deployer = world.builder(TestWorld.fastSettings().build()).events(e -> {
            throw new IllegalStateException("observer broken");
        }).build().start()) {
            assertThat(ChatDriver.start(deployer, "dora").runToEnd(Map.of()).category()).isEqualTo(Category.END);
        }
    }
}
