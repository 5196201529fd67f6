package io.threebot.deployer.internal.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.model.Farm;
import io.threebot.deployer.model.Location;
import io.threebot.deployer.model.Node;
import io.threebot.deployer.model.ResourceUnits;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.store.InMemoryStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class CapacityFinderTest {
    private final SimulatedGrid grid = new SimulatedGrid(Clock.systemUTC(), Duration.ZERO);
    private final Blocklist<Blocklist.Nodes> blocked = Blocklist.ofNodes(new InMemoryStateStore(), Clock.systemUTC(),
            Duration.ofHours(4));
    private final ResourceUnits silver = new ResourceUnits(1, 2, 4, 0);

    private void node(String id, long farm, ResourceUnits total, boolean access) {
        grid.addNode(new Node(id, farm, new Location("Europe", "", ""), total, ResourceUnits.ZERO,
                ResourceUnits.ZERO, Instant.now(), access ? Optional.of("1.2.3.4/24") : Optional.empty(),
                Optional.of("2a02::1/64"), "00", false));
    }

    private CapacityFinder finder(boolean overProvisioning) {
        return new CapacityFinder(grid, Clock.systemUTC(), blocked, overProvisioning,
                Executors.newFixedThreadPool(2));
    }

    @Test
    void aFarmQualifiesOnlyWhenOneNodeFitsNotWhenTheFarmSumDoes() {
        grid.addFarm(new Farm(1, "split", new Location("Europe", "", "")));
        node("half-1", 1, new ResourceUnits(1, 1, 4, 0), true);
        node("half-2", 1, new ResourceUnits(1, 1, 4, 0), false);
        assertThat(finder(false).eligibleFarms(silver)).isEmpty();
        node("whole", 1, new ResourceUnits(1, 2, 4, 0), false);
        assertThat(finder(false).eligibleFarms(silver)).extracting(CapacityFinder.EligibleFarm::name)
                .containsExactly("split");
    }

    @Test
    void aFarmNeedsAnUpAccessNodeAndUpUnblockedNodes() {
        grid.addFarm(new Farm(1, "f", new Location("Europe", "", "")));
        node("n1", 1, new ResourceUnits(4, 8, 100, 0), false);
        assertThat(finder(false).eligibleFarms(silver)).as("no access node").isEmpty();
        node("access", 1, new ResourceUnits(0, 0, 0, 0), true);
        assertThat(finder(false).eligibleFarms(silver)).hasSize(1);
        blocked.block("n1");
        assertThat(finder(false).eligibleFarms(silver)).as("only fitting node blocked").isEmpty();
        blocked.unblock("n1");
        grid.setNodeDown("n1");
        assertThat(finder(false).eligibleFarms(silver)).as("only fitting node down").isEmpty();
    }

    @Test
    void overProvisioningSkipsCpuAndMemoryOnly() {
        grid.addFarm(new Farm(1, "f", new Location("Europe", "", "")));
        node("n1", 1, new ResourceUnits(0, 0, 100, 0), true);
        node("tiny-disk", 1, new ResourceUnits(64, 64, 1, 0), false);
        assertThat(finder(false).pickNode(1, List.of("n1", "tiny-disk"), silver, new Random())).isEmpty();
        assertThat(finder(true).pickNode(1, List.of("n1", "tiny-disk"), silver, new Random()))
                .map(Node::nodeId).contains("n1");
    }

    @Test
    void aFarmWhoseNodesCannotBeListedIsLeftOut() {
        grid.addFarm(new Farm(1, "good", new Location("Europe", "", "")));
        node("n1", 1, new ResourceUnits(4, 8, 100, 0), true);
        grid.addFarm(new Farm(2, "flaky", new Location("Europe", "", "")));
        node("n2", 2, new ResourceUnits(4, 8, 100, 0), true);
        grid.failures().failNextCalls("listNodes", 1);
        assertThat(finder(false).eligibleFarms(silver)).hasSize(1);
    }
}
