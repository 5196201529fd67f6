package io.threebot.deployer.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.threebot.deployer.Flow;
import io.threebot.deployer.OwnerDeployer;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.errors.DeployerException.Reason;
import io.threebot.deployer.internal.store.RecordSlots;
import io.threebot.deployer.metrics.DeployerMetrics;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.spi.DeploymentEvents;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 3Bot record cut short on disk (issue 21, item 5): its owner's listing shows it as damaged by its id instead of
 * dropping it, the metrics count it, other owners see what they saw, and operations on it are refused with a typed
 * error.
 */
class DamagedRecordTest {
    private static final Secret PASSWORD = Secret.of(ChatDriver.DEFAULTS.get("password"));

    @TempDir
    Path directory;

    @Test
    void aTruncatedRecordIsListedAsDamagedToItsOwnerOnlyCountedOnceAndRefusedTypedForOperations() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<DeploymentEvent> events = new CopyOnWriteArrayList<>();
        TestWorld world = TestWorld.sampleWithFiles(directory);
        try (ThreebotDeployer deployer = world.builder(TestWorld.fastSettings().build())
                .events(DeploymentEvents.all(new DeployerMetrics(registry), events::add)).build().start()) {
            assertThat(ChatDriver.start(deployer, "alice").runToEnd(Map.of()).category()).isEqualTo(Category.END);
            assertThat(ChatDriver.start(deployer, "alice").runToEnd(Map.of("name", "second")).category())
                    .isEqualTo(Category.END);
            assertThat(ChatDriver.start(deployer, "bob").runToEnd(Map.of()).category()).isEqualTo(Category.END);
            OwnerDeployer alice = deployer.forOwner("alice");
            OwnerDeployer bob = deployer.forOwner("bob");
            List<String> bobsBefore = bob.threebots().stream().map(v -> v.uuid() + " " + v.state()).toList();
            String damaged = alice.threebots().stream().filter(v -> v.name().equals("mybot")).findFirst()
                    .orElseThrow().uuid();
            assertThat(alice.damagedThreebots()).isEmpty();

            Path record = directory.resolve("threebots").resolve(damaged + ".json");
            for (Path file : List.of(record, RecordSlots.second(record))) {
                if (!Files.exists(file)) {
                    continue;
                }
                byte[] whole = Files.readAllBytes(file);
                Files.write(file, Arrays.copyOf(whole, whole.length / 3));
            }

            assertThat(alice.threebots()).extracting(ThreebotView::name).containsExactly("second");
            assertThat(alice.damagedThreebots()).containsExactly(new DamagedThreebot(damaged));
            assertThat(alice.damagedThreebots()).as("listed again").containsExactly(new DamagedThreebot(damaged));
            assertThat(bob.threebots().stream().map(v -> v.uuid() + " " + v.state()).toList()).isEqualTo(bobsBefore);
            assertThat(bob.damagedThreebots()).isEmpty();

            assertThat(registry.get("threebot.records.damaged").counter().count()).as("one record, listed twice")
                    .isEqualTo(1);
            assertThat(events).filteredOn(e -> e.kind() == DeploymentEvent.Kind.RECORD_DAMAGED)
                    .extracting(e -> e.deploymentId() + " " + e.owner())
                    .containsOnly(damaged + " alice").hasSize(2);

            DamagedThreebotException stop = catchThrowableOfType(() -> alice.stop(damaged, PASSWORD),
                    DamagedThreebotException.class);
            assertThat(stop.uuid()).isEqualTo(damaged);
            assertThat(stop.reason()).isEqualTo(Reason.CONFLICT);
            assertThat(stop.getMessage()).contains(damaged).contains("contact support");
            assertThatThrownBy(() -> alice.destroy(damaged, PASSWORD)).isInstanceOf(DamagedThreebotException.class);
            assertThatThrownBy(() -> alice.startChat(Flow.RESTART, damaged))
                    .isInstanceOf(DamagedThreebotException.class);

            String unknown = catchThrowableOfType(() -> bob.stop("no-such-3bot", PASSWORD),
                    ThreebotNotFoundException.class).getMessage();
            assertThat(catchThrowableOfType(() -> bob.stop(damaged, PASSWORD), ThreebotNotFoundException.class))
                    .as("another owner's damaged 3Bot answers as an unknown one")
                    .hasMessage(unknown.replace("no-such-3bot", damaged));

            String second = alice.threebots().get(0).uuid();
            assertThat(alice.stop(second, PASSWORD).state()).as("the owner's other 3Bot works as before")
                    .isEqualTo(ThreebotState.STOPPED);
        }
    }
}
