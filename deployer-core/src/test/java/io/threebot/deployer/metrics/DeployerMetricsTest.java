package io.threebot.deployer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.spi.DeploymentEvents;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A deployer reports deploys, steps, retries, grid calls, payments and open chats to Micrometer. */
class DeployerMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeployerMetrics metrics = new DeployerMetrics(registry);
    private final TestWorld world = TestWorld.sample();
    private final List<DeploymentEvent> events = new CopyOnWriteArrayList<>();

    @Test
    void aDeployWithARetryIsCountedAndTimed() {
        world.grid.failures().failNextWorkloads(WorkloadType.CONTAINER, 1);
        try (ThreebotDeployer deployer = world.builder(TestWorld.fastSettings().build())
                .grid(metrics.timed(world.grid)).events(DeploymentEvents.all(metrics, events::add)).build()
                .start()) {
            metrics.gauge("threebot.chats.open", deployer::openChats);
            ChatDriver chat = ChatDriver.start(deployer, "meg");
            chat.answerUntil("payment", Map.of());
            assertThat(registry.get("threebot.chats.open").gauge().value()).isEqualTo(1.0);
            assertThat(chat.runToEnd(Map.of()).category()).isEqualTo(Category.END);
            assertThat(registry.get("threebot.chats.open").gauge().value()).isZero();
        }
        assertThat(registry.get("threebot.deploys").tag("outcome", "started").counter().count()).isEqualTo(1);
        assertThat(registry.get("threebot.deploys").tag("outcome", "succeeded").counter().count()).isEqualTo(1);
        assertThat(registry.get("threebot.deploy.retries").counter().count()).isEqualTo(1);
        assertThat(registry.get("threebot.payments").tag("state", "received").counter().count()).isEqualTo(1);
        assertThat(registry.get("threebot.deploy.steps").tag("step", "set-up").tag("outcome", "ok").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("threebot.deploy.steps").tag("step", "initialize").timer()
                .totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(registry.get("threebot.grid.calls").tag("operation", "deployWorkload").tag("outcome", "ok")
                .timer().count()).isGreaterThanOrEqualTo(4);
        assertThat(events).extracting(DeploymentEvent::kind).containsSubsequence(DeploymentEvent.Kind.STARTED,
                DeploymentEvent.Kind.STEP_ENDED, DeploymentEvent.Kind.RETRIED, DeploymentEvent.Kind.STEP_ENDED,
                DeploymentEvent.Kind.SUCCEEDED, DeploymentEvent.Kind.STEP_ENDED);
        assertThat(events).filteredOn(e -> e.kind() == DeploymentEvent.Kind.STEP_ENDED)
                .allSatisfy(e -> assertThat(e.took()).isPresent());
    }

    @Test
    void aFailedDeployIsCountedAsCompensated() {
        world.grid.failures().failNextWorkloads(WorkloadType.CONTAINER, 3);
        try (ThreebotDeployer deployer = world.builder(TestWorld.fastSettings().build()).events(metrics)
                .build().start()) {
            assertThat(ChatDriver.start(deployer, "meg").runToEnd(Map.of()).category()).isEqualTo(Category.ERROR);
        }
        assertThat(registry.get("threebot.deploys").tag("outcome", "failed").counter().count()).isEqualTo(1);
        assertThat(registry.get("threebot.deploy.compensations").counter().count()).isEqualTo(1);
        assertThat(registry.get("threebot.refunds").counter().count()).isEqualTo(1);
    }
}
