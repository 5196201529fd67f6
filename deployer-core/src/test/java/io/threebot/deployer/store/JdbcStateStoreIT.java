package io.threebot.deployer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.threebot.deployer.errors.DeployerException.Reason;
import io.threebot.deployer.internal.store.Leases;
import io.threebot.deployer.spi.Fence;
import io.threebot.deployer.spi.FencedOffException;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreBusyException;
import io.threebot.deployer.spi.StoreException;
import io.threebot.deployer.spi.StoreUnavailableException;
import io.threebot.deployer.spi.Versioned;
import io.threebot.deployer.testing.TestPostgres;
import io.threebot.deployer.testkit.LocalPostgres;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The store contract on a real PostgreSQL server, and what only a database goes through. */
class JdbcStateStoreIT extends StateStoreContract {
    /**
     * The database of the store the contract's test works on, through a pool as a host's store is: the contract's
     * concurrent writers contend on one record, and a connection of their own per call (a new server process) made
     * each read-modify-write so slow on a loaded machine that they kept colliding.
     */
    private HikariDataSource contractSource;

    @Override
    StateStore newStore() {
        contractSource = TestPostgres.pool(TestPostgres.newDatabase());
        return JdbcStateStore.open(contractSource);
    }

    @AfterEach
    void closePool() {
        contractSource.close();
    }

    /** The row's value cut short (restored from a broken dump, say); its owner and status columns stay. */
    @Override
    void damage(StateStore store, String kind, String id) throws Exception {
        try (Connection c = contractSource.getConnection(); java.sql.PreparedStatement cut = c.prepareStatement(
                "UPDATE deployer_records SET value = left(value, length(value) / 2) WHERE kind = ? AND id = ?")) {
            cut.setString(1, kind);
            cut.setString(2, id);
            assertThat(cut.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void instancesStartingTogetherMigrateOnceAndShareEveryRecord() throws Exception {
        PGSimpleDataSource source = TestPostgres.dataSource(TestPostgres.newDatabase());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<JdbcStateStore>> starting = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            starting.add(pool.submit(() -> JdbcStateStore.open(source)));
        }
        List<JdbcStateStore> instances = new ArrayList<>();
        for (Future<JdbcStateStore> s : starting) {
            instances.add(s.get());
        }
        pool.shutdown();
        try (Connection c = source.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), max(version) FROM deployer_schema_history")) {
            rs.next();
            assertThat(rs.getInt(1)).as("each script ran once").isEqualTo(JdbcStateStore.schemaVersion());
            assertThat(rs.getInt(2)).isEqualTo(JdbcStateStore.schemaVersion());
        }
        instances.get(0).put("bots", "b", new Owned("alice", "RUNNING", "one"), StateStore.NEW);
        assertThat(instances.get(3).find("bots", "owner", "alice", Owned.class)).extracting(v -> v.version())
                .containsExactly(1L);
        assertThatThrownBy(() -> instances.get(2).put("bots", "b", new Owned("alice", "STOPPED", "one"),
                StateStore.NEW)).isInstanceOf(io.threebot.deployer.spi.StaleVersionException.class);
    }

    @Test
    void listingByOwnerAndStatusUseTheirIndexes() throws Exception {
        PGSimpleDataSource source = TestPostgres.dataSource(TestPostgres.newDatabase());
        JdbcStateStore store = JdbcStateStore.open(source);
        try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO deployer_records (kind, id, version, owner, status, value) SELECT 'bots', "
                    + "'b' || n, 1, 'owner' || (n % 1000), CASE WHEN n % 100 = 0 THEN 'BUSY' ELSE 'ENDED' END, "
                    + "'{}' FROM generate_series(1, 20000) n");
            st.execute("ANALYZE deployer_records");
            assertThat(plan(st, "SELECT id FROM deployer_records WHERE kind = 'bots' AND owner = 'owner7'"))
                    .contains("deployer_records_by_owner");
            assertThat(plan(st, "SELECT id FROM deployer_records WHERE kind = 'bots' AND status = 'BUSY'"))
                    .contains("deployer_records_by_status");
        }
        assertThat(store.find("bots", "owner", "owner7", Owned.class)).hasSize(20);
    }

    @Test
    void aPoolWithEveryConnectionTakenIsBusyNotDownAndAPoolThatCannotConnectIsDown() throws Exception {
        LocalPostgres own = LocalPostgres.start();
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(own.createDatabase("crowded"));
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(500);
        try (HikariDataSource one = new HikariDataSource(config)) {
            JdbcStateStore store = JdbcStateStore.open(one);
            store.put("samples", "a", new Sample("one", 1, Instant.EPOCH, Optional.empty()), StateStore.NEW);
            try (Connection taken = one.getConnection()) {
                assertThatThrownBy(() -> store.get("samples", "a", Sample.class))
                        .isInstanceOfSatisfying(StoreBusyException.class, e -> {
                            assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                            assertThat(e.retryAfter()).contains(java.time.Duration.ofSeconds(1));
                            assertThat(e.getMessage()).contains("every connection of the pool is in use");
                        });
            }
            assertThat(store.get("samples", "a", Sample.class)).map(v -> v.value().name()).contains("one");

            one.getHikariPoolMXBean().softEvictConnections();
            own.kill();
            assertThatThrownBy(() -> store.get("samples", "a", Sample.class))
                    .isInstanceOf(StoreUnavailableException.class).isNotInstanceOf(StoreBusyException.class)
                    .hasMessageContaining("the database cannot be reached");
        } finally {
            own.close();
        }
    }

    @Test
    void aDatabaseThatIsDownIsReportedAsUnavailableAndAWriteAfterItComesBackWorks() throws Exception {
        LocalPostgres own = LocalPostgres.start();
        try {
            JdbcStateStore store = JdbcStateStore.open(TestPostgres.dataSource(own.createDatabase("flaky")));
            store.put("samples", "a", new Sample("one", 1, Instant.EPOCH, Optional.empty()), StateStore.NEW);
            own.kill();
            assertThatThrownBy(() -> store.get("samples", "a", Sample.class))
                    .isInstanceOf(StoreUnavailableException.class)
                    .satisfies(e -> assertThat(((StoreException) e).reason()).isEqualTo(Reason.UNAVAILABLE))
                    .hasMessageContaining("cannot be reached");
            own.restart();
            assertThat(store.get("samples", "a", Sample.class).orElseThrow().value().name()).isEqualTo("one");
            store.put("samples", "a", new Sample("two", 2, Instant.EPOCH, Optional.empty()), 1);
            assertThat(store.get("samples", "a", Sample.class).orElseThrow().version()).isEqualTo(2);
        } finally {
            own.close();
        }
    }

    @Test
    void aSchemaNewerThanThisDeployerKnowsIsRefusedWithTheReason() throws Exception {
        PGSimpleDataSource source = TestPostgres.dataSource(TestPostgres.newDatabase());
        JdbcStateStore.open(source);
        try (Connection c = source.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO deployer_schema_history (version, script) VALUES (99, 'V99__future.sql')");
        }
        assertThatThrownBy(() -> JdbcStateStore.open(source)).isInstanceOf(StoreException.class)
                .hasMessageContaining("version 99").hasMessageContaining("at least as new");
    }

    /**
     * A runner paused (or cut off) in the middle of a fenced write, right after the database answered one of its
     * statements, holds no lock on its lease: another instance takes the lease over at once, and the paused runner's
     * next write is fenced off.
     */
    @Test
    void aWriterPausedInTheMiddleOfAFencedWriteDoesNotKeepItsLeaseFromBeingTakenOver() throws Exception {
        PGSimpleDataSource source = TestPostgres.dataSource(TestPostgres.newDatabase());
        JdbcStateStore other = JdbcStateStore.open(source);
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch wake = new CountDownLatch(1);
        AtomicBoolean pauseNext = new AtomicBoolean();
        JdbcStateStore pausing = JdbcStateStore.open(pausingAfterAStatement(source, pauseNext, paused, wake));
        Versioned<Leases.Lease> lease = other.put(Leases.KIND, "work", new Leases.Lease("a",
                Instant.now().plusSeconds(30), "token-a"), StateStore.NEW);
        Fence fence = Fence.of("work", "token-a");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            pauseNext.set(true);
            Future<Versioned<Sample>> write = pool.submit(() -> pausing.put("samples", "s",
                    new Sample("paused", 1, Instant.EPOCH, Optional.empty()), StateStore.NEW, fence));
            assertThat(paused.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Versioned<Leases.Lease>> takeOver = pool.submit(() -> other.put(Leases.KIND, "work",
                    new Leases.Lease("b", Instant.now().plusSeconds(30), "token-b"), lease.version()));
            assertThat(takeOver.get(10, TimeUnit.SECONDS).version()).as("taken over while the writer is paused")
                    .isEqualTo(2);
            wake.countDown();
            long written = write.get(10, TimeUnit.SECONDS).version();
            assertThatThrownBy(() -> pausing.put("samples", "s", new Sample("woken", 2, Instant.EPOCH,
                    Optional.empty()), written, fence)).isInstanceOf(FencedOffException.class);
            assertThat(other.get("samples", "s", Sample.class).orElseThrow().value().name()).isEqualTo("paused");
        } finally {
            wake.countDown();
            pool.shutdownNow();
        }
    }

    /**
     * A data source whose connections, once {@code pauseNext} is set, pause the thread right after the database
     * answered the next statement, until {@code wake}: as a process stopped there would.
     */
    private static DataSource pausingAfterAStatement(DataSource source, AtomicBoolean pauseNext, CountDownLatch paused,
                                                     CountDownLatch wake) {
        InvocationHandler dataSource = (proxy, method, args) -> {
            Object result = invoke(source, method, args);
            return result instanceof Connection connection ? Proxy.newProxyInstance(
                    JdbcStateStoreIT.class.getClassLoader(), new Class<?>[] {Connection.class}, (c, m, a) -> {
                        Object made = invoke(connection, m, a);
                        return made instanceof PreparedStatement statement ? Proxy.newProxyInstance(
                                JdbcStateStoreIT.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                                (st, sm, sa) -> {
                                    Object answer = invoke(statement, sm, sa);
                                    if (sm.getName().startsWith("execute") && pauseNext.compareAndSet(true, false)) {
                                        paused.countDown();
                                        wake.await();
                                    }
                                    return answer;
                                }) : made;
                    }) : result;
        };
        return (DataSource) Proxy.newProxyInstance(JdbcStateStoreIT.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, dataSource);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static String plan(Statement st, String query) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = st.executeQuery("EXPLAIN " + query)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
