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
import io.threebot.deployer.sim.SimulatedClock;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.spi.GridIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
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

    @Test
    void aWaitIsPolledSoonAtFirstThenLessOftenUpToTheIntervalAndOnceMoreAtItsDeadline() {
        AtomicLong nanos = new AtomicLong(5_000_000_000L);
        SimulatedClock wall = new SimulatedClock(Instant.now());
        ScheduledExecutorService refusing = Executors.newSingleThreadScheduledExecutor();
        refusing.shutdown(); // the test makes the polls itself
        grid.deployDelay(Duration.ofHours(1));
        long id = subdomain("paced");
        WorkloadWatcher paced = new WorkloadWatcher(grid, wall, Duration.ofSeconds(1), nanos::get, refusing);
        CompletableFuture<Workload> wait = paced.awaitOk(id, WorkloadType.SUBDOMAIN, "gw-ghent-1",
                Duration.ofSeconds(30));
        List<Duration> pauses = new ArrayList<>();
        while (!wait.isDone() && pauses.size() < 1_000) {
            Duration pause = Duration.ofNanos(paced.nextDue().orElseThrow() - nanos.get());
            pauses.add(pause);
            nanos.addAndGet(pause.toNanos());
            wall.advance(pause);
            paced.pollNow();
        }

        assertThat(pauses.subList(0, 11)).as("the first second").containsOnly(Duration.ofMillis(100));
        assertThat(pauses.subList(11, 20)).as("then a tenth of the wait")
                .allSatisfy(p -> assertThat(p).isGreaterThan(Duration.ofMillis(100))
                        .isLessThan(Duration.ofSeconds(1)))
                .isSorted();
        // the last two: one cut short by the deadline, then the poll that finds it passed
        List<Duration> late = pauses.subList(pauses.size() - 21, pauses.size() - 2);
        assertThat(late).as("from 10 s on: the configured interval").containsOnly(Duration.ofSeconds(1));
        assertThat(pauses.stream().reduce(Duration.ZERO, Duration::plus)).as("the last poll, at the deadline")
                .isBetween(Duration.ofSeconds(30), Duration.ofMillis(30_050));
        assertThat(paced.batches()).isEqualTo(pauses.size());
        assertThatThrownBy(() -> Futures.await(wait)).isInstanceOf(WorkloadFailedException.class)
                .hasMessageContaining("not deployed in time");
        paced.close();
    }

    @Test
    void aWorkloadUpSoonIsSeenLongBeforeTheConfiguredInterval() throws Exception {
        try (WorkloadWatcher slow = new WorkloadWatcher(grid, Clock.systemUTC(), Duration.ofSeconds(10))) {
            long started = System.nanoTime();
            Workload up = Futures.await(slow.awaitOk(subdomain("soon"), WorkloadType.SUBDOMAIN, "gw-ghent-1",
                    Duration.ofMinutes(1)));
            assertThat(up.result()).isPresent();
            // up after 150 ms; a fixed 10 s interval would have seen it after 10 s. Loose for a busy machine.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
