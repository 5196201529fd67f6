package io.threebot.deployer.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.threebot.deployer.testkit.LocalPostgres;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One PostgreSQL cluster for all the tests of a JVM that need a database, started on first use and stopped when
 * the JVM ends; each test takes a new, empty database of it.
 */
public final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final AtomicInteger POOLS = new AtomicInteger();
    /** Connections a pool keeps at most: a deployer instance's workers, sweeper, lease renewer and callers. */
    private static final int POOL_SIZE = 8;
    private static LocalPostgres server;

    private TestPostgres() {
    }

    /** A new, empty database; its JDBC URL. */
    public static synchronized String newDatabase() {
        if (server == null) {
            server = LocalPostgres.start();
            LocalPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return server.createDatabase("test" + DATABASES.incrementAndGet());
    }

    /**
     * A plain data source on a database: every use opens a connection of its own (a new server process), for tests
     * of what a connection goes through. A deployer works through a {@link #pool(String)}.
     */
    public static PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(url);
        return source;
    }

    /**
     * A connection pool on a database, as a host hands the store: connections are opened when first needed and
     * kept, so a store call costs a statement, not a new server process (tens to hundreds of milliseconds each on a
     * loaded machine). The caller closes it once the store is no longer used.
     */
    public static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("test-pool-" + POOLS.incrementAndGet());
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }
}
