package io.threebot.deployer.testing;

import io.threebot.deployer.testkit.LocalPostgres;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One PostgreSQL cluster for all the tests of a JVM that need a database, started on first use and stopped when
 * the JVM ends; each test takes a new, empty database of it.
 */
public final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
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

    /** A plain data source (one connection per use) on a database. */
    public static PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(url);
        return source;
    }
}
