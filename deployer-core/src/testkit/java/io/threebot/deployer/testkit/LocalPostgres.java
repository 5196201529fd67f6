package io.threebot.deployer.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server of its own, for tests and benchmarks: a new cluster made by {@code initdb} in a temporary
 * directory, listening on a free loopback port, stopped and deleted by {@link #close()}. When the tests run as root
 * the cluster runs as the {@code postgres} system user (PostgreSQL refuses root). It trades durability for speed
 * ({@code fsync=off}; {@link #startDurable()} syncs): what it committed survives the server being killed, not the
 * machine failing.
 */
public final class LocalPostgres extends LocalServer {
    /** The superuser of the cluster; connections from loopback are trusted. */
    public static final String USER = "deployer";
    private final Path bin;
    private final Path home;
    private final List<String> asServerUser;
    private final boolean durable;

    private LocalPostgres(Path bin, Path home, int port, List<String> asServerUser, boolean durable) {
        super(port);
        this.bin = bin;
        this.home = home;
        this.asServerUser = asServerUser;
        this.durable = durable;
    }

    /** The directory of {@code initdb} and {@code postgres}: the newest {@code /usr/lib/postgresql/<n>/bin}. */
    public static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(b -> versionOf(b.getParent())));
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException e) {
                // fall through to the PATH
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "initdb")) && Files.isExecutable(Path.of(dir, "postgres"))) {
                return Optional.of(Path.of(dir));
            }
        }
        return Optional.empty();
    }

    /** True when PostgreSQL's server binaries are installed (Debian package {@code postgresql}). */
    public static boolean available() {
        return binaries().isPresent();
    }

    /**
     * Makes a cluster and starts it.
     *
     * @throws IllegalStateException when PostgreSQL is not installed or does not start (with its log)
     */
    public static LocalPostgres start() {
        return start(false);
    }

    /**
     * Makes a cluster that syncs what it commits to disk, as a production one does: for benchmarks that compare
     * it with stores that sync too.
     */
    public static LocalPostgres startDurable() {
        return start(true);
    }

    private static LocalPostgres start(boolean durable) {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException(
                "PostgreSQL is not installed: apt-get install postgresql (scripts/test.sh does)"));
        try {
            Path home = Files.createTempDirectory("deployer-pg-");
            boolean root = "root".equals(System.getProperty("user.name"));
            List<String> asServerUser = root ? List.of("runuser", "-u", "postgres", "--") : List.of();
            if (root) {
                run(List.of("chown", "-R", "postgres:postgres", home.toString()), home.resolve("chown.log"));
            }
            LocalPostgres postgres = new LocalPostgres(bin, home, LoopbackServers.freePort(), asServerUser, durable);
            postgres.initdb();
            postgres.startServer();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JDBC URL of a database of this server ({@code postgres} is there from the start). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database + "?user=" + USER;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database names here are [a-z][a-z0-9_]*: " + name);
        }
        run(command(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port()), "-U", USER,
                name), home.resolve("createdb.log"));
        return jdbcUrl(name);
    }

    /**
     * Stops the server as an operator would ({@code pg_ctl stop -m fast}: open connections are ended, what was
     * committed stays); {@link #restart()} starts it again on the same port and data directory.
     */
    public void stop() {
        run(command(bin.resolve("pg_ctl").toString(), "stop", "-D", home.resolve("data").toString(), "-m", "fast",
                "-w"), home.resolve("pg_ctl.log"));
        kill();
    }

    @Override
    public void close() {
        kill();
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    private void initdb() {
        run(command(bin.resolve("initdb").toString(), "-D", home.resolve("data").toString(), "-U", USER,
                "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"), home.resolve("initdb.log"));
    }

    @Override
    protected Process startProcess() {
        Path log = home.resolve("postgres.log");
        Process process = LoopbackServers.start(command(bin.resolve("postgres").toString(), "-D",
                home.resolve("data").toString(), "-p", String.valueOf(port()), "-k", home.toString(),
                "-c", "listen_addresses=127.0.0.1", "-c", "fsync=" + (durable ? "on" : "off"),
                "-c", "full_page_writes=" + (durable ? "on" : "off"), "-c", "max_connections=200"), log);
        LoopbackServers.awaitPort(port(), List.of(process), log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!ready()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("PostgreSQL did not accept connections: "
                        + LoopbackServers.read(log));
            }
            sleep(50);
        }
        return process;
    }

    private boolean ready() {
        try {
            Process check = new ProcessBuilder(bin.resolve("pg_isready").toString(), "-h", "127.0.0.1", "-p",
                    String.valueOf(port()), "-U", USER).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return check.waitFor(5, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private List<String> command(String... words) {
        List<String> command = new ArrayList<>(asServerUser);
        command.addAll(List.of(words));
        return command;
    }

    private static void run(List<String> command, Path log) {
        Process p = LoopbackServers.start(command, log);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + LoopbackServers.read(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
        }
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
