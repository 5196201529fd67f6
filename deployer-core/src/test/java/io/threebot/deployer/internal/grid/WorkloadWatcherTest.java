package io.threebot.deployer.internal.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.grid.WorkloadFailedException;
import io.threebot.deployer.model.GridUser;
import io.threebot.deployer.model.PoolRequest;
import io.threebot.deployer.model.SubdomainSpec;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.sim.SampleTopology;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.spi.GridIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkloadWatcherTest {
    private final SimulatedGrid grid = SimulatedGrid.withSampleTopology(Clock.systemUTC(), Duration.ofMillis(150));
    private final WorkloadWatcher watcher = new WorkloadWatcher(grid, Clock.systemUTC(), Duration.ofMillis(20));
    private final GridIdentity identity;
    private final long pool;

    WorkloadWatcherTest() {
        IdentityKeys keys = IdentityKeys.fromSeed(new byte[32]);
        GridUser user = grid.registerUser("watcher_test", "watcher_test@threefold.me", keys.publicKeyHex());
        identity = new GridIdentity(user.id(), user.name(), keys);
        pool = grid.reservePool(PoolRequest.create(0, 0, List.of("gw-ghent-1")), identity).reservationId();
    }

    @AfterEach
    void close() {
        watcher.close();
    }

    private long subdomain(String name) {
        return grid.deployWorkload(Workload.draft("gw-ghent-1", pool, name, "", Instant.now(),
                new SubdomainSpec(name + ".3bot.grid.tf", List.of("1.1.1.1"))), identity);
    }

    @Test
    void manyPendingWorkloadsArePolledInOneBatchPerRound() throws Exception {
        List<CompletableFuture<Workload>> waits = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            waits.add(watcher.awaitOk(subdomain("w" + i), WorkloadType.SUBDOMAIN, "gw-ghent-1",
                    Duration.ofSeconds(10)));
        }
        for (CompletableFuture<Workload> wait : waits) {
            assertThat(Futures.await(wait).result()).isPresent();
        }
        // 150 ms at 20 ms a round: about 8 rounds, far fewer than 50 workloads times 8 rounds
        assertThat(watcher.batches()).isBetween(1L, 30L);
    }

    @Test
    void anErrorReportedByTheNodeFailsTheWait() {
        grid.failures().failNextWorkloads(WorkloadType.SUBDOMAIN, 1);
        long id = subdomain("broken");
        assertThatThrownBy(() -> Futures.await(watcher.awaitOk(id, WorkloadType.SUBDOMAIN, "gw-ghent-1",
                Duration.ofSeconds(10)))).isInstanceOf(WorkloadFailedException.class)
                .hasMessageContaining("simulated subdomain failure");
    }

    @Test
    void aDownNodeFailsAtOnceAndASilentOneTimesOut() {
        long id = subdomain("late");
        grid.setNodeDown("gw-ghent-1");
        assertThatThrownBy(() -> Futures.await(watcher.awaitOk(id, WorkloadType.SUBDOMAIN, "gw-ghent-1",
                Duration.ofSeconds(10)))).isInstanceOf(WorkloadFailedException.class)
                .hasMessageContaining("the node is down");
        grid.setNodeUp("gw-ghent-1");
        grid.deployDelay(Duration.ofHours(1));
        long slow = subdomain("slow");
        assertThatThrownBy(() -> Futures.await(watcher.awaitOk(slow, WorkloadType.SUBDOMAIN, "gw-ghent-1",
                Duration.ofMillis(100)))).isInstanceOf(WorkloadFailedException.class)
                .hasMessageContaining("not deployed in time");
        assertThat(SampleTopology.FARM_GHENT).isEqualTo(1);
    }
}
