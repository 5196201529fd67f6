package io.threebot.deployer.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.crypto.KeyDerivation;
import io.threebot.deployer.internal.chat.AesGcmSecretSealer;
import io.threebot.deployer.internal.grid.WorkloadWatcher;
import io.threebot.deployer.model.Node;
import io.threebot.deployer.model.PoolRequest;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.spi.GridIdentity;
import io.threebot.deployer.store.InMemoryStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Growing the management network leaves no generation behind, even when it stops halfway. */
class NetworkBuilderTest {
    private final SimulatedGrid grid = SimulatedGrid.withSampleTopology(Clock.systemUTC(), Duration.ofMillis(5));
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final WorkloadWatcher watcher = new WorkloadWatcher(grid, Clock.systemUTC(), Duration.ofMillis(5));
    private final NetworkBuilder networks = new NetworkBuilder(
            new WorkloadDeployer(grid, watcher, Clock.systemUTC(), Duration.ofSeconds(5)),
            AesGcmSecretSealer.ephemeral(), new Random(7));

    private final List<Node> nodes = grid.listNodes(grid.listFarms().get(0).id());

    private GridIdentity registered(String name) {
        return new IdentityService(grid, KeyDerivation.hardened(1_000))
                .ensureRegistered(name, "a long enough password");
    }

    /** A free pool on every node of the first farm. */
    private long poolOnFirstFarm(GridIdentity identity) {
        return grid.reservePool(new PoolRequest(0, 0, 0, 0, nodes.stream().map(Node::nodeId).toList(),
                List.of("TFT")), identity).reservationId();
    }

    @AfterEach
    void stopWatching() {
        watcher.close();
    }

    @Test
    void aGrowthThatStoppedBeforeRemovingTheOldGenerationRemovesItWhenResumed() throws Exception {
        GridIdentity identity = registered("nia_netbot");
        long pool = poolOnFirstFarm(identity);
        Saga saga = Saga.open(store, "dep-net", "nia", "netbot", Clock.systemUTC());
        ManagementNetwork first = networks.create(saga, identity, pool, nodes.get(0), nodes.get(0), "meta");
        List<Long> firstGeneration = liveNetworkWorkloads(identity);
        assertThat(firstGeneration).hasSize(1);

        grid.failures().failNextCalls("decommission", 1); // the old generation cannot be removed: a crash, as far
        ManagementNetwork grown = networks.addNode(saga, identity, pool, first, nodes.get(1), "meta");
        assertThat(liveNetworkWorkloads(identity)).as("left behind").containsAll(firstGeneration).hasSize(3);

        // the deployment resumes with the grown network from its journal
        ManagementNetwork resumed = saga.done(NetworkBuilder.JOURNAL_KEY, ManagementNetwork.class).orElseThrow();
        assertThat(resumed.generation()).isEqualTo(grown.generation());
        networks.addNode(saga, identity, pool, resumed, nodes.get(1), "meta");

        assertThat(liveNetworkWorkloads(identity)).as("only the new generation, on both nodes").hasSize(2)
                .doesNotContainAnyElementsOf(firstGeneration);
        assertThat(saga.keysNewestFirst(WorkloadDeployer.PREFIX + "network-g0-")).as("marked compensated")
                .isEmpty();
    }

    private List<Long> liveNetworkWorkloads(GridIdentity identity) {
        return grid.listWorkloads(identity.tid()).stream()
                .filter(w -> w.type() == WorkloadType.NETWORK_RESOURCE && !w.nextAction().isGone())
                .map(Workload::id).toList();
    }

    @Test
    void aNetworkIsCreatedOnItsAccessNodeAndThe3BotsNodeAsOneGeneration() throws Exception {
        GridIdentity identity = registered("nia_twonodes");
        long pool = poolOnFirstFarm(identity);
        Saga saga = Saga.open(store, "dep-two", "nia", "twonodes", Clock.systemUTC());

        ManagementNetwork network = networks.create(saga, identity, pool, nodes.get(0), nodes.get(1), "meta");

        assertThat(network.generation()).isEqualTo(1);
        assertThat(network.members()).extracting(NetworkMember::nodeId)
                .containsExactly(nodes.get(0).nodeId(), nodes.get(1).nodeId());
        assertThat(network.members().get(0).subnet()).isNotEqualTo(network.members().get(1).subnet());
        assertThat(liveNetworkWorkloads(identity)).hasSize(2);
        assertThat(networks.addNode(saga, identity, pool, network, nodes.get(1), "meta"))
                .as("already a member: nothing to grow").isEqualTo(network);
        assertThat(liveNetworkWorkloads(identity)).hasSize(2);
    }
}
