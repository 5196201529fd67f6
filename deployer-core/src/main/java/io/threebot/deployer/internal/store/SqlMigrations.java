package io.threebot.deployer.internal.store;

import io.threebot.deployer.spi.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned SQL scripts run once each, in order, recorded in {@code deployer_schema_history}. Instances starting at
 * once take turns on a transaction-scoped advisory lock, so each script runs exactly once; a script that fails
 * leaves the schema as it was.
 */
public final class SqlMigrations {
    private static final Logger LOG = LoggerFactory.getLogger(SqlMigrations.class);
    /** The advisory lock key: "3bot" in ASCII. */
    private static final long LOCK_KEY = 0x33626f74L;

    private final Class<?> anchor;
    private final List<String> scripts;

    /**
     * @param anchor  the class whose package holds the scripts
     * @param scripts the scripts' resource names relative to it, {@code V<n>__<what>.sql}, in version order
     */
    public SqlMigrations(Class<?> anchor, List<String> scripts) {
        this.anchor = anchor;
        this.scripts = List.copyOf(scripts);
    }

    /** The newest version the scripts bring a database to. */
    public int latest() {
        return scripts.isEmpty() ? 0 : version(scripts.get(scripts.size() - 1));
    }

    /**
     * Brings the database to the latest version; returns how many scripts ran.
     *
     * @throws StoreException when a script fails or the database is at a newer version than these scripts know
     */
    public int migrate(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
            statement.execute("CREATE TABLE IF NOT EXISTS deployer_schema_history (version integer PRIMARY KEY, "
                    + "script text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            int current;
            try (ResultSet rs = statement.executeQuery(
                    "SELECT coalesce(max(version), 0) FROM deployer_schema_history")) {
                rs.next();
                current = rs.getInt(1);
            }
            if (current > latest()) {
                throw new StoreException("the database schema is at version " + current + " but this deployer "
                        + "knows versions up to " + latest() + "; run a deployer at least as new as the one that "
                        + "migrated it");
            }
            int ran = 0;
            for (String script : scripts) {
                int version = version(script);
                if (version <= current) {
                    continue;
                }
                for (String sql : statements(read(script))) {
                    statement.execute(sql);
                }
                try (PreparedStatement record = connection.prepareStatement(
                        "INSERT INTO deployer_schema_history (version, script) VALUES (?, ?)")) {
                    record.setInt(1, version);
                    record.setString(2, script);
                    record.executeUpdate();
                }
                LOG.info("Database schema migrated to version {} ({})", version, script);
                ran++;
            }
            connection.commit();
            return ran;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static int version(String script) {
        String name = script.substring(script.lastIndexOf('/') + 1);
        int end = name.indexOf("__");
        if (!name.startsWith("V") || end < 2) {
            throw new IllegalArgumentException("a migration is named V<n>__<what>.sql, not " + script);
        }
        return Integer.parseInt(name.substring(1, end));
    }

    private String read(String script) {
        try (InputStream in = anchor.getResourceAsStream(script)) {
            if (in == null) {
                throw new StoreException("migration " + script + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read migration " + script, e);
        }
    }

    /** The script's statements: comment lines dropped, split at each {@code ;} that ends a line. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                statements.add(current.substring(0, current.lastIndexOf(";")).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
