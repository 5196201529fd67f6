package io.threebot.deployer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.errors.DeployerException.Reason;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreUnavailableException;
import io.threebot.deployer.store.StateStoreContract.Sample;
import io.threebot.deployer.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A statement that stalls (here on a row another connection holds locked) is cancelled at the store's deadline and
 * reported as {@link StoreUnavailableException}, instead of holding its caller for as long as the stall lasts.
 */
class JdbcStatementTimeoutIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** How long after it began a cancelled statement has given up at the latest. */
    private static final Duration CANCELLED_WITHIN = Duration.ofSeconds(15);

    @Test
    void aWriteOnALockedRowFailsAsUnavailableAtTheDeadlineAndWorksOnceTheLockIsGone() throws Exception {
        PGSimpleDataSource source = TestPostgres.dataSource(TestPostgres.newDatabase());
        JdbcStateStore store = JdbcStateStore.open(source, TIMEOUT);
        store.put("samples", "a", new Sample("one", 1, Instant.EPOCH, Optional.empty()), StateStore.NEW);

        try (Connection holder = source.getConnection()) {
            holder.setAutoCommit(false);
            lock(holder, "samples", "a");

            long began = System.nanoTime();
            assertThatThrownBy(() -> store.put("samples", "a", new Sample("two", 2, Instant.EPOCH,
                    Optional.empty()), 1))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("samples/a")
                    .hasMessageContaining("did not answer in time (57014)")
                    .satisfies(e -> assertThat(((StoreUnavailableException) e).reason())
                            .isEqualTo(Reason.UNAVAILABLE));
            Duration waited = Duration.ofNanos(System.nanoTime() - began);
            // the lock is held until the end of this block, so a statement not cancelled would wait for ever; the
            // cancel itself opens a connection, which takes seconds on a loaded machine
            assertThat(waited).as("cancelled at the deadline, not held while the lock is")
                    .isGreaterThanOrEqualTo(TIMEOUT.minusMillis(100)).isLessThan(CANCELLED_WITHIN);

            assertThatThrownBy(() -> store.delete("samples", "a", 1))
                    .as("a delete waits on the same lock").isInstanceOf(StoreUnavailableException.class);
            assertThat(store.get("samples", "a", Sample.class).orElseThrow().value().name())
                    .as("reads do not wait on a row lock").isEqualTo("one");
            holder.rollback();
        }

        assertThat(store.put("samples", "a", new Sample("two", 2, Instant.EPOCH, Optional.empty()), 1).version())
                .as("nothing was written by the cancelled statement").isEqualTo(2);
        assertThat(store.get("samples", "a", Sample.class).orElseThrow().value().name()).isEqualTo("two");
    }

    @Test
    void theDefaultDeadlineIsAFewSecondsAndADeadlineMustBePositive() {
        assertThat(JdbcStateStore.DEFAULT_STATEMENT_TIMEOUT).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(10));
        PGSimpleDataSource unused = new PGSimpleDataSource();
        assertThatThrownBy(() -> JdbcStateStore.open(unused, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("statementTimeout");
        assertThatThrownBy(() -> JdbcStateStore.open(unused, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Takes the record's row lock in the holder's open transaction, as a long transaction elsewhere would. */
    private static void lock(Connection holder, String kind, String id) throws Exception {
        try (PreparedStatement select = holder.prepareStatement(
                "SELECT version FROM deployer_records WHERE kind = ? AND id = ? FOR UPDATE")) {
            select.setString(1, kind);
            select.setString(2, id);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).as("the row to lock").isTrue();
            }
        }
    }
}
