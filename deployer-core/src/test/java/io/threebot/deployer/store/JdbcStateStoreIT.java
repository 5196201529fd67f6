package io.threebot.deployer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.errors.DeployerException.Reason;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreException;
import io.threebot.deployer.spi.StoreUnavailableException;
import io.threebot.deployer.testing.TestPostgres;
import io.threebot.deployer.testkit.LocalPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The store contract on a real PostgreSQL server, and what only a database goes through. */
class JdbcStateStoreIT extends StateStoreContract {
    /** The database of the store the contract's test works on. */
    private PGSimpleDataSource contractSource;

    @Override
    StateStore newStore() {
        contractSource = TestPostgres.dataSource(TestPostgres.newDatabase());
        return JdbcStateStore.open(contractSource);
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
