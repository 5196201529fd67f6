package io.threebot.deployer.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.internal.store.Json;
import io.threebot.deployer.internal.store.RecordFields;
import io.threebot.deployer.internal.store.RecordKeys;
import io.threebot.deployer.internal.store.SqlMigrations;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreException;
import io.threebot.deployer.spi.StoreUnavailableException;
import io.threebot.deployer.spi.Versioned;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

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
 * {@link StoreUnavailableException} (reason {@code UNAVAILABLE}); no {@link SQLException} leaves this class.
 *
 * <p>Every statement on records has a deadline, {@link #DEFAULT_STATEMENT_TIMEOUT} unless
 * {@link #open(DataSource, Duration)} sets another: a statement that waits longer (on a lock, a stalled server) is
 * cancelled and also gives a {@link StoreUnavailableException}, so no caller waits out an outage. The pool's own
 * timeouts (taking a connection, connecting, reading from the socket) are the host's to set.
 */
public final class JdbcStateStore implements StateStore {
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
        List<Versioned<T>> found = query("SELECT " + COLUMNS + " FROM deployer_records WHERE kind = ? AND id = ?",
                type, kind, id);
        return found.stream().findFirst();
    }

    @Override
    public <T> Versioned<T> put(String kind, String id, T value, long expectedVersion) {
        RecordKeys.check(kind, id);
        JsonNode json = Json.mapper().valueToTree(value);
        Map<String, String> indexed = RecordFields.indexed(json);
        String text = write(json);
        try (Connection connection = dataSource.getConnection()) {
            int changed;
            if (expectedVersion == NEW) {
                try (PreparedStatement insert = prepare(connection, "INSERT INTO deployer_records "
                        + "(kind, id, version, owner, status, value) VALUES (?, ?, 1, ?, ?, ?) "
                        + "ON CONFLICT (kind, id) DO NOTHING")) {
                    bind(insert, kind, id, indexed.get("owner"), indexed.get("status"), text);
                    changed = insert.executeUpdate();
                }
            } else {
                try (PreparedStatement update = prepare(connection, "UPDATE deployer_records SET "
                        + "version = version + 1, owner = ?, status = ?, value = ?, updated_at = now() "
                        + "WHERE kind = ? AND id = ? AND version = ?")) {
                    bind(update, indexed.get("owner"), indexed.get("status"), text, kind, id, expectedVersion);
                    changed = update.executeUpdate();
                }
            }
            if (changed == 0) {
                throw new StaleVersionException(kind, id, expectedVersion, currentVersion(connection, kind, id));
            }
            return new Versioned<>(id, expectedVersion + 1, value);
        } catch (SQLException e) {
            throw failure("cannot write record " + kind + "/" + id, e);
        }
    }

    @Override
    public <T> List<Versioned<T>> list(String kind, Class<T> type) {
        return query("SELECT " + COLUMNS + " FROM deployer_records WHERE kind = ? ORDER BY id", type, kind);
    }

    @Override
    public <T> List<Versioned<T>> find(String kind, String field, String value, Class<T> type) {
        if (field.equals("owner") || field.equals("status")) {
            // the column name is one of two constants, never the caller's text
            return query("SELECT " + COLUMNS + " FROM deployer_records WHERE kind = ? AND " + field + " = ? "
                    + "ORDER BY id", type, kind, value);
        }
        return RecordFields.matching(list(kind, JsonNode.class), field, value, type);
    }

    @Override
    public boolean delete(String kind, String id, long expectedVersion) {
        RecordKeys.check(kind, id);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = prepare(connection,
                     "DELETE FROM deployer_records WHERE kind = ? AND id = ? AND version = ?")) {
            bind(delete, kind, id, expectedVersion);
            if (delete.executeUpdate() == 1) {
                return true;
            }
            long actual = currentVersion(connection, kind, id);
            if (actual == NEW) {
                return false;
            }
            throw new StaleVersionException(kind, id, expectedVersion, actual);
        } catch (SQLException e) {
            throw failure("cannot delete record " + kind + "/" + id, e);
        }
    }

    private <T> List<Versioned<T>> query(String sql, Class<T> type, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = prepare(connection, sql)) {
            bind(select, parameters);
            List<Versioned<T>> result = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    result.add(new Versioned<>(id, rs.getLong(2), RecordFields.value(read(rs.getString(3), id), type, id)));
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

    private static String write(JsonNode json) {
        try {
            return Json.mapper().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialise a record", e);
        }
    }

    private static JsonNode read(String text, String id) {
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new StoreException("record " + id + " is not readable JSON", e);
        }
    }

    /**
     * Connection trouble, and a statement cancelled at its deadline, is {@link StoreUnavailableException}; anything
     * else a plain {@link StoreException}.
     */
    private static StoreException failure(String what, SQLException e) {
        String state = Optional.ofNullable(e.getSQLState()).orElse("");
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
