package io.threebot.deployer.examples;

import io.threebot.deployer.testkit.LocalPostgres;
import java.util.concurrent.CountDownLatch;

/**
 * A PostgreSQL cluster of its own for trying several deployer instances out: made in a temporary directory,
 * listening on a free loopback port, deleted when stopped (Ctrl-C). Prints the JDBC URL of its {@code deployer}
 * database as its first line. Needs the Debian package {@code postgresql}.
 */
public final class LocalDatabase {
    private LocalDatabase() {
    }

    public static void main(String[] args) throws Exception {
        LocalPostgres postgres = LocalPostgres.start();
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
        System.out.println(postgres.createDatabase("deployer"));
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
