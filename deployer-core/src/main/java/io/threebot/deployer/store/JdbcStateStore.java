package io.threebot.deployer.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.internal.store.Json;
import io.threebot.deployer.internal.store.RecordFields;
import io.threebot.deployer.internal.store.RecordKeys;
import io.threebot.deployer.internal.store.SqlMigrations;
import io.threebot.deployer.spi.Fence;
import io.threebot.deployer.spi.FencedOffException;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreBusyException;
import io.threebot.deployer.spi.StoreException;
import io.threebot.deployer.spi.StoreUnavailableException;
import io.threebot.deployer.spi.Versioned;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records in PostgreSQL, shared by every deployer instance that uses the same database: the store for running
 * several instances. Each record is a row with a version column, and every write is a real compare-and-set
 * ({@code UPDATE ... WHERE version = ?}, {@code INSERT ... ON CONFLICT DO NOTHING}), so two instances writing one
 * record at once cannot both succeed: the second gets a {@link StaleVersionException} (reason {@code CONFLICT}).
 * The {@linkplain StateStore#INDEXED_FIELDS indexed fields} are columns with their own indexes, so an owner's records
 * or the running sessions are found without reading the rest.
 *
 * <p>{@link #open(DataSource)} brings the schema to this version first (versioned scripts, each run once, recorded in
 * {@code deployer_schema_history}; instances starting together take turns). The data source is the host's: a
 * connection pool such as HikariCP with the PostgreSQL JDBC driver. A database that cannot be reached gives a
 * {@link StoreUnavailableException} (reason {@code UNAVAILABLE}); no {@link SQLException} leaves this class. A row
 * whose value is not a readable record is left out of listings (logged) and found by {@link #findDamaged} under
 * its {@code owner} column.
 *
 *
 * <p>Every statement on records has a deadline, {@link #DEFAULT_STATEMENT_TIMEOUT} unless
 * {@link #open(DataSource, Duration)} sets another: a statement that waits longer (on a lock, a stalled server) is
 * cancelled and also gives a {@link StoreUnavailableException}, so no caller waits out an outage. The pool's own
 * timeouts (taking a connection, connecting, reading from the socket) are the host's to set.
 */
public final class JdbcStateStore implements StateStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStateStore.class);
    private static final SqlMigrations MIGRATIONS = new SqlMigrations(JdbcStateStore.class,
            List.of("postgresql/V1__records.sql"));
    private static final String COLUMNS = "id, version, value";
    /** How long a statement on records may run when {@link #open(DataSource)} made the store. */
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(5);
    /** SQLState of a statement cancelled on request, as its timeout does. */
    private static final String QUERY_CANCELED = "57014";

    private final DataSource dataSource;
    private final int statementTimeoutSeconds;

    private JdbcStateStore(DataSource dataSource, int statementTimeoutSeconds) {
        this.dataSource = dataSource;
        this.statementTimeoutSeconds = statementTimeoutSeconds;
    }

    /**
     * A store on the database behind {@code dataSource}, its schema migrated to this version; each statement may
     * run {@link #DEFAULT_STATEMENT_TIMEOUT}.
     *
     * @throws StoreException when the schema cannot be migrated (or is newer than this deployer knows)
     */
    public static JdbcStateStore open(DataSource dataSource) {
        return open(dataSource, DEFAULT_STATEMENT_TIMEOUT);
    }

    /**
     * A store on the database behind {@code dataSource}, its schema migrated to this version, whose statements on
     * records are cancelled after {@code statementTimeout} (JDBC counts it in whole seconds: it is rounded up) and
     * then fail with {@link StoreUnavailableException}. Migrating the schema has no such deadline.
     *
     * @param statementTimeout how long one statement may run, at least a second once rounded up
     * @throws StoreException when the schema cannot be migrated (or is newer than this deployer knows)
     */
    public static JdbcStateStore open(DataSource dataSource, Duration statementTimeout) {
        Objects.requireNonNull(dataSource, "dataSource");
        JdbcStateStore store = new JdbcStateStore(dataSource, wholeSeconds(statementTimeout));
        try (Connection connection = dataSource.getConnection()) {
            MIGRATIONS.migrate(connection);
        } catch (SQLException e) {
            throw failure("cannot migrate the database schema", e);
        }
        return store;
    }

    private static int wholeSeconds(Duration timeout) {
        Objects.requireNonNull(timeout, "statementTimeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("statementTimeout must be positive, not " + timeout);
        }
        long roundedUp = timeout.plusNanos(999_999_999L).getSeconds();
        return (int) Math.min(Integer.MAX_VALUE, roundedUp);
    }

    /** The schema version this class brings a database to. */
    public static int schemaVersion() {
        return MIGRATIONS.latest();
    }

    /** True: several deployer instances use one database. */
    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public <T> Optional<Versioned<T>> get(String kind, String id, Class<T> type) {
        RecordKeys.check(kind, id);
        return rows("SELECT " + COLUMNS + " FROM deployer_records WHERE kind = ? AND id = ?", kind, id).stream()
                .findFirst().map(row -> new Versioned<>(id, row.version(), RecordFields.value(row.value(), type,
                        id)));
    }

    @Override
    public <T> Versioned<T> put(String kind, String id, T value, long expectedVersion) {
        RecordKeys.check(kind, id);
        try (Connection connection = dataSource.getConnection()) {
            return put(connection, kind, id, value, expectedVersion);
        } catch (SQLException e) {
            throw failure("cannot write record " + kind + "/" + id, e);
        }
    }

    /**
     * One statement, which checks the fence and writes: its lease rows are locked {@code FOR SHARE} by the statement
     * itself, so a take-over (which updates them) waits for this write to commit, or this write sees the take-over's
     * token and writes nothing. The locks last only while the database runs the statement: a writer paused or cut
     * off anywhere in its own code holds none, so it never keeps the lease from being taken over.
     */
    @Override
    public <T> Versioned<T> put(String kind, String id, T value, long expectedVersion, Fence fence) {
        RecordKeys.check(kind, id);
        requireNotLease(kind);
        try (Connection connection = dataSource.getConnection()) {
            return put(connection, kind, id, value, expectedVersion, Optional.of(fence));
        } catch (SQLException e) {
            throw failure("cannot write record " + kind + "/" + id, e);
        }
    }

    @Override
    public boolean delete(String kind, String id, long expectedVersion, Fence fence) {
        RecordKeys.check(kind, id);
        requireNotLease(kind);
        try (Connection connection = dataSource.getConnection()) {
            return delete(connection, kind, id, expectedVersion, Optional.of(fence));
        } catch (SQLException e) {
            throw failure("cannot delete record " + kind + "/" + id, e);
        }
    }

    private static void requireNotLease(String kind) {
        if (kind.equals(Fence.LEASE_KIND)) {
            throw new IllegalArgumentException("leases are not written under a fence");
        }
    }

    /**
     * The condition a fenced statement adds: each lease of the fence is still held with its token. The lease rows are
     * locked {@code FOR SHARE} until the statement's transaction (the statement alone) ends. Binds two text arrays:
     * the lease names and their tokens, in the same order; compared with the number of leases.
     */
    private static final String FENCE_HOLDS = "(SELECT count(*) FROM (SELECT 1 FROM deployer_records l, "
            + "unnest(?::text[], ?::text[]) AS f(lease, token) WHERE l.kind = '" + Fence.LEASE_KIND + "' "
            + "AND l.id = f.lease AND l.value::json ->> '" + Fence.TOKEN_FIELD + "' = f.token FOR SHARE OF l) held) = ?";

    /** Binds {@link #FENCE_HOLDS} from parameter {@code first} on. */
    private static void bindFence(Connection connection, PreparedStatement statement, int first, Fence fence)
            throws SQLException {
        statement.setArray(first, connection.createArrayOf("text", fence.tokens().keySet().toArray()));
        statement.setArray(first + 1, connection.createArrayOf("text", fence.tokens().values().toArray()));
        statement.setInt(first + 2, fence.tokens().size());
    }

    /**
     * Why a fenced statement changed nothing, when the fence is what refused it: a lease of the fence is no longer
     * held with its token. Read after the statement; a fence once broken stays broken (a token is never given back),
     * so a refusal is never blamed on the version when the fence refused it.
     */
    private void checkFence(Connection connection, String kind, String id, Fence fence) throws SQLException {
        Map<String, String> held = new java.util.HashMap<>();
        try (PreparedStatement select = prepare(connection, "SELECT id, value FROM deployer_records "
                + "WHERE kind = ? AND id = ANY (?)")) {
            select.setString(1, Fence.LEASE_KIND);
            select.setArray(2, connection.createArrayOf("text", fence.tokens().keySet().toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    held.put(rs.getString(1), read(rs.getString(2), rs.getString(1)).path(Fence.TOKEN_FIELD)
                            .textValue());
                }
            }
        }
        for (String lease : fence.tokens().keySet()) {
            if (!fence.admits(lease, held.get(lease))) {
                throw new FencedOffException(kind, id, lease);
            }
        }
    }

    private <T> Versioned<T> put(Connection connection, String kind, String id, T value,
                                        long expectedVersion) throws SQLException {
        return put(connection, kind, id, value, expectedVersion, Optional.empty());
    }

    private <T> Versioned<T> put(Connection connection, String kind, String id, T value,
                                        long expectedVersion, Optional<Fence> fence) throws SQLException {
        RecordFields.Serialised serialised = RecordFields.serialise(value);
        Map<String, String> indexed = serialised.indexed();
        String text = serialised.json();
        int changed;
        if (expectedVersion == NEW) {
            try (PreparedStatement insert = prepare(connection, "INSERT INTO deployer_records "
                    + "(kind, id, version, owner, status, value) SELECT ?, ?, 1, ?, ?, ?"
                    + (fence.isPresent() ? " WHERE " + FENCE_HOLDS : "") + " ON CONFLICT (kind, id) DO NOTHING")) {
                bind(insert, kind, id, indexed.get("owner"), indexed.get("status"), text);
                if (fence.isPresent()) {
                    bindFence(connection, insert, 6, fence.get());
                }
                changed = insert.executeUpdate();
            }
        } else {
            try (PreparedStatement update = prepare(connection, "UPDATE deployer_records SET "
                    + "version = version + 1, owner = ?, status = ?, value = ?, updated_at = now() "
                    + "WHERE kind = ? AND id = ? AND version = ?" + (fence.isPresent() ? " AND " + FENCE_HOLDS : ""))) {
                bind(update, indexed.get("owner"), indexed.get("status"), text, kind, id, expectedVersion);
                if (fence.isPresent()) {
                    bindFence(connection, update, 7, fence.get());
                }
                changed = update.executeUpdate();
            }
        }
        if (changed == 0) {
            if (fence.isPresent()) {
                checkFence(connection, kind, id, fence.get());
            }
            throw new StaleVersionException(kind, id, expectedVersion, currentVersion(connection, kind, id));
        }
        return new Versioned<>(id, expectedVersion + 1, value);
    }

    @Override
    public <T> List<Versioned<T>> list(String kind, Class<T> type) {
        return readable(kind, rows("SELECT " + COLUMNS + " FROM deployer_records WHERE kind = ? ORDER BY id", kind),
                type);
    }

    @Override
    public <T> List<Versioned<T>> find(String kind, String field, String value, Class<T> type) {
        if (field.equals("owner") || field.equals("status")) {
            return readable(kind, indexedRows(kind, field, value), type);
        }
        return RecordFields.matching(kind, list(kind, JsonNode.class), field, value, type);
    }

    /** The rows whose {@code owner} or {@code status} column has the value but whose value is not a record. */
    @Override
    public List<String> findDamaged(String kind, String field, String value, Class<?> type) {
        RecordFields.requireIndexed(field);
        return indexedRows(kind, field, value).stream().filter(row -> damaged(row, type)).map(Row::id).toList();
    }

    /** The rows of a kind whose indexed column {@code field} holds the value, ordered by id. */
    private List<Row> indexedRows(String kind, String field, String value) {
        // the column name is one of two constants, never the caller's text
        String column = field.equals("owner") ? "owner" : "status";
        return rows("SELECT " + COLUMNS + " FROM deployer_records WHERE kind = ? AND " + column + " = ? ORDER BY id",
                kind, value);
    }

    /** A row as the database holds it: its value still as text. */
    private record Row(String id, long version, String value) {
    }

    /** The rows that can be read as {@code type}; the others are logged and left out, as find and list promise. */
    private static <T> List<Versioned<T>> readable(String kind, List<Row> rows, Class<T> type) {
        List<Versioned<T>> result = new ArrayList<>(rows.size());
        for (Row row : rows) {
            try {
                result.add(new Versioned<>(row.id(), row.version(), RecordFields.value(row.value(), type,
                        row.id())));
            } catch (StoreException e) {
                LOG.warn("Skipping record {}/{}, which cannot be read: {}", kind, row.id(), e.getMessage());
            }
        }
        return result;
    }

    private static boolean damaged(Row row, Class<?> type) {
        try {
            RecordFields.value(row.value(), type, row.id());
            return false;
        } catch (StoreException e) {
            return true;
        }
    }

    @Override
    public boolean delete(String kind, String id, long expectedVersion) {
        RecordKeys.check(kind, id);
        try (Connection connection = dataSource.getConnection()) {
            return delete(connection, kind, id, expectedVersion);
        } catch (SQLException e) {
            throw failure("cannot delete record " + kind + "/" + id, e);
        }
    }

    private boolean delete(Connection connection, String kind, String id, long expectedVersion)
            throws SQLException {
        return delete(connection, kind, id, expectedVersion, Optional.empty());
    }

    private boolean delete(Connection connection, String kind, String id, long expectedVersion,
                                  Optional<Fence> fence) throws SQLException {
        try (PreparedStatement delete = prepare(connection, 
                "DELETE FROM deployer_records WHERE kind = ? AND id = ? AND version = ?"
                        + (fence.isPresent() ? " AND " + FENCE_HOLDS : ""))) {
            bind(delete, kind, id, expectedVersion);
            if (fence.isPresent()) {
                bindFence(connection, delete, 4, fence.get());
            }
            if (delete.executeUpdate() == 1) {
                return true;
            }
        }
        if (fence.isPresent()) {
            checkFence(connection, kind, id, fence.get());
        }
        long actual = currentVersion(connection, kind, id);
        if (actual == NEW) {
            return false;
        }
        throw new StaleVersionException(kind, id, expectedVersion, actual);
    }

    private List<Row> rows(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = prepare(connection, sql)) {
            bind(select, parameters);
            List<Row> result = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    result.add(new Row(rs.getString(1), rs.getLong(2), rs.getString(3)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw failure("cannot read records of kind " + parameters[0], e);
        }
    }

    private long currentVersion(Connection connection, String kind, String id) throws SQLException {
        try (PreparedStatement select = prepare(connection,
                "SELECT version FROM deployer_records WHERE kind = ? AND id = ?")) {
            bind(select, kind, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(1) : NEW;
            }
        }
    }

    /** A statement with this store's deadline. */
    private PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            statement.setQueryTimeout(statementTimeoutSeconds);
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
        return statement;
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    private static JsonNode read(String text, String id) {
        try {
            JsonNode node = Json.mapper().readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new StoreException("record " + id + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new StoreException("record " + id + " is not readable JSON", e);
        }
    }

    /**
     * Connection trouble, and a statement cancelled at its deadline, is {@link StoreUnavailableException}; a pool
     * that had no free connection in time while none failed to open (HikariCP's timeout without a cause) is
     * {@link StoreBusyException}; anything else a plain {@link StoreException}.
     */
    private static StoreException failure(String what, SQLException e) {
        String state = Optional.ofNullable(e.getSQLState()).orElse("");
        if (e instanceof SQLTransientConnectionException && e.getCause() == null && state.isEmpty()) {
            return new StoreBusyException(what + ": every connection of the pool is in use (" + e.getMessage()
                    + ")", e);
        }
        if (state.equals(QUERY_CANCELED)) {
            return new StoreUnavailableException(what + ": the database did not answer in time (" + state + ")", e);
        }
        if (e instanceof SQLTransientException || state.startsWith("08") || state.startsWith("57P")
                || state.equals("53300")) {
            return new StoreUnavailableException(what + ": the database cannot be reached (" + state + ")", e);
        }
        return new StoreException(what + " (" + (state.isEmpty() ? e.getClass().getSimpleName() : state) + ")", e);
    }
}
