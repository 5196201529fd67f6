package io.threebot.deployer.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;

/**
 * The HikariCP pools the example programs hand to {@code JdbcStateStore}. Every wait on the database is short, so
 * that while it is down a request fails within seconds (the host answers 503) instead of waiting for it: taking a
 * connection from the pool, connecting and logging in, and reading an answer each have a deadline. The store's own
 * statement deadline ({@code JdbcStateStore.DEFAULT_STATEMENT_TIMEOUT}, 5 s) cancels a statement the server holds
 * (on a lock, say) before the socket's deadline gives up on a server that stopped answering at all.
 */
public final class ConnectionPools {
    /** How long a request waits for a connection of the pool. */
    public static final Duration CONNECTION_TIMEOUT = Duration.ofMillis(2_500);
    /** How long checking that a pooled connection still works may take; shorter than taking one. */
    public static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(1);
    /**
     * How long opening a pool keeps trying for its first connection before the host gives up starting: a host started
     * beside its database (a machine booting, a container restarting) waits for it rather than failing at once.
     */
    public static final Duration STARTUP_WAIT = Duration.ofSeconds(30);
    /** pgjdbc's {@code connectTimeout}: opening the TCP connection, in seconds. */
    public static final int CONNECT_TIMEOUT_SECONDS = 2;
    /** pgjdbc's {@code loginTimeout}: connecting and authenticating together, in seconds. */
    public static final int LOGIN_TIMEOUT_SECONDS = 3;
    /** pgjdbc's {@code socketTimeout}: waiting for any answer of the server, in seconds. */
    public static final int SOCKET_TIMEOUT_SECONDS = 10;

    private ConnectionPools() {
    }

    /** A pool of up to {@code size} connections to the PostgreSQL database at {@code jdbcUrl}, named for its logs. */
    public static HikariDataSource open(String jdbcUrl, String name, int size) {
        return new HikariDataSource(config(jdbcUrl, name, size));
    }

    /**
     * The configuration {@link #open} makes its pool with: the deadlines above, as pool settings and as the
     * driver's properties (a parameter of the same name in {@code jdbcUrl} wins over them).
     */
    public static HikariConfig config(String jdbcUrl, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(size);
        config.setPoolName(name);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
        config.setInitializationFailTimeout(STARTUP_WAIT.toMillis());
        config.addDataSourceProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        config.addDataSourceProperty("loginTimeout", Integer.toString(LOGIN_TIMEOUT_SECONDS));
        config.addDataSourceProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        return config;
    }
}
