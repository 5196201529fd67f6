package io.threebot.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.sim.SimulatedReachability;
import io.threebot.deployer.spi.ReachabilityProbe;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A builder is a value: deriving one or building from it never changes it, and the order of its calls does not
 * matter.
 */
class DeployerBuilderTest {
    private static final DeployerSettings FAST = TestWorld.fastSettings().build();

    @TempDir
    Path temp;

    @Test
    void aDerivedBuilderAndBuildLeaveTheBuilderAsItWas() throws Exception {
        Path dir = temp.resolve("state");
        ThreebotDeployer.Builder base = ThreebotDeployer.simulated().settings(FAST)
                .userPayments(new SimulatedLedger(Clock.systemUTC()).payRequestsAfter(Duration.ZERO));
        ThreebotDeployer.Builder withDirectory = base.dataDirectory(dir);

        try (ThreebotDeployer fromBase = base.build().start()) {
            assertThat(fromBase.forOwner("alice").threebots()).isEmpty();
        }
        assertThat(dir).as("the base builder did not take the derived one's directory").doesNotExist();

        try (ThreebotDeployer first = withDirectory.build().start()) {
            assertThat(dir.resolve("secret.key")).exists();
            assertThat(ChatDriver.start(first, "alice").runToEnd(Map.of()).category()).isEqualTo(Category.END);
        }
        try (ThreebotDeployer second = withDirectory.build().start()) {
            assertThat(second.forOwner("alice").threebots()).as("built again: a store of its own on the same files")
                    .singleElement().satisfies(bot -> assertThat(bot.name()).isEqualTo("mybot"));
        }
        assertThat(dir.resolve("secret.key")).as("a directory the host gave stays").exists();
    }

    @Test
    void simulatedKeepsItsStateInATemporaryDirectoryOfItsOwnDeletedOnClose() throws Exception {
        Set<Path> before = temporaryDirectories();
        ThreebotDeployer deployer = ThreebotDeployer.simulated().settings(FAST).build();
        List<Path> made = temporaryDirectories().stream().filter(p -> !before.contains(p)).toList();
        assertThat(made).as("a temporary directory made by build(), holding the sealing key").isNotEmpty()
                .anyMatch(p -> Files.exists(p.resolve("secret.key")));

        deployer.start().close();
        assertThat(made).as("deleted on close").noneMatch(Files::exists);
    }

    @Test
    void aPartSetExplicitlyWinsOverTheSimulationsWhicheverComesFirst() throws Exception {
        assertThat(probesOfADeploy((b, grid) -> b.reachability(grid.probe).simulation(grid.grid, Duration.ZERO)))
                .as("reachability set before simulation(...)").isPositive();
        assertThat(probesOfADeploy((b, grid) -> b.simulation(grid.grid, Duration.ZERO).reachability(grid.probe)))
                .as("reachability set after simulation(...)").isPositive();
    }

    /** A simulated grid and a probe of it that counts its calls. */
    private record CountedGrid(SimulatedGrid grid, ReachabilityProbe probe) {
    }

    /** Deploys a 3Bot through a builder that {@code shape} completes with the grid; how often the probe ran. */
    private int probesOfADeploy(BiFunction<ThreebotDeployer.Builder, CountedGrid, ThreebotDeployer.Builder> shape)
            throws Exception {
        SimulatedGrid grid = SimulatedGrid.withSampleTopology(Clock.systemUTC(), Duration.ofMillis(20));
        SimulatedReachability simulated = new SimulatedReachability(grid, Duration.ZERO);
        AtomicInteger probes = new AtomicInteger();
        ReachabilityProbe counting = (uri, timeout) -> {
            probes.incrementAndGet();
            return simulated.isReachable(uri, timeout);
        };
        ThreebotDeployer.Builder builder = shape.apply(ThreebotDeployer.builder().settings(FAST)
                .dataDirectory(Files.createTempDirectory(temp, "order-"))
                .userPayments(new SimulatedLedger(Clock.systemUTC()).payRequestsAfter(Duration.ZERO)),
                new CountedGrid(grid, counting));
        try (ThreebotDeployer deployer = builder.build().start()) {
            ChatMessage end = ChatDriver.start(deployer, "olga").runToEnd(Map.of());
            assertThat(end.category()).as(end.payload().msg()).isEqualTo(Category.END);
            return probes.get();
        }
    }

    private static Set<Path> temporaryDirectories() throws IOException {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith("threebot-deployer-"))
                    .collect(Collectors.toSet());
        }
    }
}
