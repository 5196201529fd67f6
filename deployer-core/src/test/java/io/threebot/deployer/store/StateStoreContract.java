package io.threebot.deployer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.internal.store.Leases;
import io.threebot.deployer.internal.store.Records;
import io.threebot.deployer.spi.Fence;
import io.threebot.deployer.spi.FencedOffException;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreException;
import io.threebot.deployer.spi.Versioned;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promises every store keeps, run on each: in memory, on files and on PostgreSQL. Each test gets a new, empty
 * store.
 */
abstract class StateStoreContract {
    record Sample(String name, int count, Instant at, Optional<String> note) {
    }

    /** What owned records look like: indexed by owner and status. */
    record Owned(String owner, String status, String name) {
    }

    /** A new, empty store. */
    abstract StateStore newStore() throws Exception;

    /**
     * Damages a stored record of {@code store} as this kind of store can be damaged (a file cut short, a row's value
     * cut short, a value of another shape), leaving its index entries as they were.
     */
    abstract void damage(StateStore store, String kind, String id) throws Exception;

    private StateStore store;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Test
    void theSweepsRemoveExactlyTheSessionsAndJournalsOfNoMoreUseThroughTheIndexes() {
        SweepScenario.fill(store);
        SweepScenario.sweepAndCheck(store);
    }

    @Test
    void recordsWrittenBeforeTheirTypeCarriedAStatusAreIndexedOnceAndThenFound() {
        SweepScenario.fillLegacy(store);
        SweepScenario.backfillAndCheck(store);
    }

    @Test
    void putGetListAndDeleteWithVersions() {
        Sample one = new Sample("one", 1, Instant.parse("2026-11-24T10:00:00Z"), Optional.of("n"));
        Versioned<Sample> v1 = store.put("samples", "a", one, StateStore.NEW);
        assertThat(v1.version()).isEqualTo(1);
        assertThat(store.get("samples", "a", Sample.class)).contains(v1);
        Versioned<Sample> v2 = store.put("samples", "a", new Sample("one", 2, one.at(), Optional.empty()), 1);
        assertThat(v2.version()).isEqualTo(2);
        store.put("samples", "b", one, StateStore.NEW);
        assertThat(store.list("samples", Sample.class)).extracting(Versioned::id).containsExactly("a", "b");
        assertThat(store.get("samples", "a", Sample.class).orElseThrow().value().note()).isEmpty();
        assertThat(store.delete("samples", "a", 2)).isTrue();
        assertThat(store.delete("samples", "a", 2)).isFalse();
        assertThat(store.get("samples", "a", Sample.class)).isEmpty();
        assertThat(store.list("nothing", Sample.class)).isEmpty();
    }

    @Test
    void staleWritesAreRefusedAndChangeNothing() {
        Sample one = new Sample("one", 1, Instant.EPOCH, Optional.empty());
        store.put("samples", "a", one, StateStore.NEW);
        assertThatThrownBy(() -> store.put("samples", "a", new Sample("two", 2, Instant.EPOCH, Optional.empty()),
                StateStore.NEW)).isInstanceOf(StaleVersionException.class).hasMessageContaining("version 1, not 0");
        assertThatThrownBy(() -> store.delete("samples", "a", 7)).isInstanceOf(StaleVersionException.class);
        assertThat(store.get("samples", "a", Sample.class).orElseThrow().value()).isEqualTo(one);
    }

    @Test
    void concurrentUpsertsLoseNoUpdate() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            futures.add(pool.submit(() -> Records.upsert(store, "counters", "c", Sample.class,
                    new Sample("c", 0, Instant.EPOCH, Optional.empty()),
                    s -> new Sample(s.name(), s.count() + 1, s.at(), s.note()))));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(store.get("counters", "c", Sample.class).orElseThrow().value().count()).isEqualTo(100);
    }

    @Test
    void unsafeKindsAndIdsAreRefused() {
        Sample one = new Sample("one", 1, Instant.EPOCH, Optional.empty());
        assertThatThrownBy(() -> store.put("samples", "../escape", one, StateStore.NEW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get("../x", "a", Sample.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findReturnsExactlyTheRecordsWhoseFieldHasTheValueAndFollowsChanges() {
        store.put("bots", "a1", new Owned("alice", "RUNNING", "one"), StateStore.NEW);
        store.put("bots", "a2", new Owned("alice", "STOPPED", "two"), StateStore.NEW);
        store.put("bots", "b1", new Owned("bob", "RUNNING", "three"), StateStore.NEW);
        store.put("other", "a9", new Owned("alice", "RUNNING", "elsewhere"), StateStore.NEW);

        assertThat(store.find("bots", "owner", "alice", Owned.class)).extracting(Versioned::id)
                .containsExactly("a1", "a2");
        assertThat(store.find("bots", "status", "RUNNING", Owned.class)).extracting(Versioned::id)
                .containsExactly("a1", "b1");
        assertThat(store.find("bots", "name", "three", Owned.class)).as("a field without an index")
                .extracting(Versioned::id).containsExactly("b1");
        assertThat(store.find("bots", "owner", "carol", Owned.class)).isEmpty();

        store.put("bots", "a1", new Owned("alice", "STOPPED", "one"), 1);
        store.delete("bots", "a2", 1);
        assertThat(store.find("bots", "status", "RUNNING", Owned.class)).extracting(Versioned::id)
                .containsExactly("b1");
        assertThat(store.find("bots", "status", "STOPPED", Owned.class)).extracting(v -> v.id() + "@" + v.version())
                .containsExactly("a1@2");
        assertThat(store.find("bots", "owner", "alice", Owned.class)).extracting(v -> v.value().name())
                .containsExactly("one");
    }

    @Test
    void aRecordThatCannotBeReadIsLeftOutOfListingsAndFoundAsDamagedUnderItsOwnerOnly() throws Exception {
        store.put("bots", "a1", new Owned("alice", "RUNNING", "one"), StateStore.NEW);
        store.put("bots", "a2", new Owned("alice", "RUNNING", "two"), StateStore.NEW);
        store.put("bots", "b1", new Owned("bob", "RUNNING", "three"), StateStore.NEW);
        assertThat(store.findDamaged("bots", "owner", "alice", Owned.class)).as("before the damage").isEmpty();
        damage(store, "bots", "a1");

        assertThat(store.find("bots", "owner", "alice", Owned.class)).extracting(Versioned::id)
                .containsExactly("a2");
        assertThat(store.findDamaged("bots", "owner", "alice", Owned.class)).containsExactly("a1");
        assertThat(store.findDamaged("bots", "status", "RUNNING", Owned.class)).containsExactly("a1");
        assertThat(store.find("bots", "owner", "bob", Owned.class)).extracting(Versioned::id).containsExactly("b1");
        assertThat(store.findDamaged("bots", "owner", "bob", Owned.class)).isEmpty();
        assertThat(store.findDamaged("other", "owner", "alice", Owned.class)).isEmpty();
        assertThat(store.list("bots", Owned.class)).extracting(Versioned::id).containsExactly("a2", "b1");
        assertThat(store.find("bots", "name", "two", Owned.class)).as("by a field without an index")
                .extracting(Versioned::id).containsExactly("a2");
        assertThatThrownBy(() -> store.get("bots", "a1", Owned.class)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.findDamaged("bots", "name", "one", Owned.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesThatAreNoFileNamesAreFoundToo() {
        store.put("bots", "x", new Owned("o/../ü and space", "A", "n"), StateStore.NEW);
        assertThat(store.find("bots", "owner", "o/../ü and space", Owned.class)).extracting(Versioned::id)
                .containsExactly("x");
        assertThat(store.find("bots", "owner", "o", Owned.class)).isEmpty();
    }

    @Test
    void theFirstOfTwoWritersOfOneVersionWinsAndTheOtherIsToldItIsAConflict() throws Exception {
        store.put("samples", "race", new Sample("zero", 0, Instant.EPOCH, Optional.empty()), StateStore.NEW);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> writers = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            writers.add(pool.submit(() -> {
                try {
                    store.put("samples", "race", new Sample("w" + n, n, Instant.EPOCH, Optional.empty()), 1);
                    return true;
                } catch (StaleVersionException e) {
                    assertThat(e.reason()).isEqualTo(io.threebot.deployer.errors.DeployerException.Reason.CONFLICT);
                    return false;
                }
            }));
        }
        int won = 0;
        for (Future<Boolean> w : writers) {
            won += w.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(won).isEqualTo(1);
        Versioned<Sample> stored = store.get("samples", "race", Sample.class).orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.value().name()).startsWith("w");
    }

    @Test
    void fencedWritesAreTakenOnlyWhileTheLeaseHoldsTheirToken() {
        Versioned<Leases.Lease> lease = store.put(Leases.KIND, "work", new Leases.Lease("a", Instant.now().plusSeconds(30),
                "token-a"), StateStore.NEW);
        Fence fence = Fence.of("work", "token-a");
        Versioned<Sample> written = store.put("samples", "s", sample("one"), StateStore.NEW, fence);
        written = store.put("samples", "s", sample("two"), written.version(), fence);
        store.put(Leases.KIND, "work", new Leases.Lease("a", Instant.now().plusSeconds(60), "token-a"),
                lease.version()); // renewed: same token
        written = store.put("samples", "s", sample("three"), written.version(), fence);

        Versioned<Leases.Lease> takenOver = store.put(Leases.KIND, "work", new Leases.Lease("b",
                Instant.now().plusSeconds(30), "token-b"), lease.version() + 1);
        long version = written.version();
        assertThatThrownBy(() -> store.put("samples", "s", sample("stale"), version, fence))
                .isInstanceOf(FencedOffException.class)
                .satisfies(e -> assertThat(((FencedOffException) e).reason())
                        .isEqualTo(io.threebot.deployer.errors.DeployerException.Reason.CONFLICT));
        assertThatThrownBy(() -> store.delete("samples", "s", version, fence)).isInstanceOf(FencedOffException.class);
        assertThatThrownBy(() -> store.put("samples", "new", sample("stale"), StateStore.NEW, fence))
                .isInstanceOf(FencedOffException.class);
        assertThat(store.get("samples", "s", Sample.class).orElseThrow().value().name()).isEqualTo("three");
        assertThat(store.get("samples", "new", Sample.class)).isEmpty();

        Fence newHolder = Fence.of("work", "token-b");
        assertThat(store.delete("samples", "s", version, newHolder)).isTrue();
        store.delete(Leases.KIND, "work", takenOver.version());
        assertThatThrownBy(() -> store.put("samples", "s", sample("released"), StateStore.NEW, newHolder))
                .as("a released lease fences off its last holder too").isInstanceOf(FencedOffException.class);
        assertThatThrownBy(() -> store.put("samples", "s", sample("x"), StateStore.NEW, Fence.of("never", "t")))
                .isInstanceOf(FencedOffException.class);
        assertThatThrownBy(() -> store.put(Leases.KIND, "work", sample("x"), StateStore.NEW, newHolder))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noFencedWriteLandsAfterATakeOverThatRacesWithIt() throws Exception {
        Versioned<Leases.Lease> lease = store.put(Leases.KIND, "race", new Leases.Lease("a",
                Instant.now().plusSeconds(30), "token-a"), StateStore.NEW);
        store.put("samples", "counter", sample("0"), StateStore.NEW);
        Fence fence = Fence.of("race", "token-a");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(4);
        List<Future<Integer>> writers = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            writers.add(pool.submit(() -> {
                started.countDown();
                int landed = 0;
                while (true) {
                    Versioned<Sample> current = store.get("samples", "counter", Sample.class).orElseThrow();
                    try {
                        store.put("samples", "counter", sample(current.value().name() + "+"), current.version(),
                                fence);
                        landed++;
                    } catch (StaleVersionException e) {
                        // another writer of the same holder came first
                    } catch (FencedOffException e) {
                        return landed;
                    }
                }
            }));
        }
        started.await();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (store.get("samples", "counter", Sample.class).orElseThrow().version() < 3
                && System.nanoTime() < deadline) {
            Thread.sleep(1); // the take-over comes while the writers are writing
        }
        store.put(Leases.KIND, "race", new Leases.Lease("b", Instant.now().plusSeconds(30), "token-b"),
                lease.version());
        long atTakeOver = store.get("samples", "counter", Sample.class).orElseThrow().version();
        int landed = 0;
        for (Future<Integer> w : writers) {
            landed += w.get();
        }
        pool.shutdown();
        assertThat(landed).as("writes landed before the take-over").isPositive();
        assertThat(store.get("samples", "counter", Sample.class).orElseThrow().version())
                .as("nothing written after the take-over").isEqualTo(atTakeOver).isEqualTo(1L + landed);
    }

    private static Sample sample(String name) {
        return new Sample(name, 0, Instant.EPOCH, Optional.empty());
    }
}
