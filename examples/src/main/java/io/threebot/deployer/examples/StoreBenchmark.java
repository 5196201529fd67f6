package io.threebot.deployer.examples;

import com.zaxxer.hikari.HikariDataSource;
import io.threebot.deployer.Flow;
import io.threebot.deployer.OwnerDeployer;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.examples.gridserver.GridServer;
import io.threebot.deployer.examples.gridserver.RemoteSimulation;
import io.threebot.deployer.store.JdbcStateStore;
import io.threebot.deployer.testkit.LocalPostgres;
import io.threebot.deployer.testkit.SimulatedWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The PostgreSQL store against the file store, and two deployer instances against one, all in one run on a grid
 * server: answer latency on PostgreSQL as a ratio to files, answers per second and deploys completed per minute
 * with one and with two instances on one database.
 *
 * <pre>./scripts/benchmark.sh store [seconds per throughput run]</pre>
 */
public final class StoreBenchmark {
    private static final Map<String, String> ANSWERS = ScriptedDeploy.ANSWERS;

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        DeployerSettings settings = SimulatedWorld.fastSettings().workerThreads(16).build();
        Path keys = ScratchDirectories.create("bench-keys-");
        try (GridServer server = GridServer.start(0, true);
             RemoteSimulation grid = RemoteSimulation.connect(server.url());
             LocalPostgres postgres = LocalPostgres.startDurable();
             HikariDataSource first = pool(postgres.createDatabase("bench"), "first");
             HikariDataSource second = pool(postgres.jdbcUrl("bench"), "second")) {
            ThreebotDeployer onFiles = grid.deployer().settings(settings)
                    .dataDirectory(ScratchDirectories.create("bench-files-")).build().start();
            ThreebotDeployer a = grid.deployer().settings(settings).store(JdbcStateStore.open(first))
                    .dataDirectory(keys).build().start();
            ThreebotDeployer b = grid.deployer().settings(settings).store(JdbcStateStore.open(second))
                    .dataDirectory(keys).build().start();
            try (onFiles; a; b) {
                answerLatency(onFiles, "warm", 50);
                answerLatency(a, "warm", 50);
                double files = answerLatency(onFiles, "files", 300);
                double database = answerLatency(a, "pg", 300);
                double oneAnswers = answersPerSecond(List.of(a), seconds);
                double twoAnswers = answersPerSecond(List.of(a, b), seconds);
                double oneDeploys = deploysPerMinute(List.of(a), 12, "one");
                double twoDeploys = deploysPerMinute(List.of(a, b), 12, "two");
                System.out.printf(Locale.ROOT, "%-52s %10s%n", "measure", "value");
                System.out.printf(Locale.ROOT, "%-52s %8.2f ms%n", "answer latency, file store (median)", files);
                System.out.printf(Locale.ROOT, "%-52s %8.2f ms%n", "answer latency, PostgreSQL (median)", database);
                System.out.printf(Locale.ROOT, "%-52s %9.2fx%n", "answer latency PostgreSQL / file store",
                        database / files);
                System.out.printf(Locale.ROOT, "%-52s %10.0f%n", "answers per second, one instance", oneAnswers);
                System.out.printf(Locale.ROOT, "%-52s %10.0f%n", "answers per second, two instances", twoAnswers);
                System.out.printf(Locale.ROOT, "%-52s %9.2fx%n", "answers per second two / one",
                        twoAnswers / oneAnswers);
                System.out.printf(Locale.ROOT, "%-52s %10.1f%n", "deploys completed per minute, one instance",
                        oneDeploys);
                System.out.printf(Locale.ROOT, "%-52s %10.1f%n", "deploys completed per minute, two instances",
                        twoDeploys);
                System.out.printf(Locale.ROOT, "%-52s %9.2fx%n", "deploys per minute two / one",
                        twoDeploys / oneDeploys);
                System.out.println("(PostgreSQL syncs every commit to disk, as the file store syncs every record; "
                        + "one machine of " + Runtime.getRuntime().availableProcessors() + " cores runs the "
                        + "grid server, the database and both instances, so two instances share its CPU)");
            }
        }
    }

    private static HikariDataSource pool(String url, String name) {
        return ConnectionPools.open(url, name, 16);
    }

    /**
     * The median time of one answer, in milliseconds: the size, given and taken back again (a question the store
     * answers alone; the name question also asks the grid).
     */
    private static double answerLatency(ThreebotDeployer deployer, String owner, int rounds) {
        OwnerDeployer me = deployer.forOwner(owner + System.nanoTime() % 100_000);
        String session = me.startChat(Flow.DEPLOY).sessionId();
        me.answer(session, "latency" + rounds);
        double[] millis = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            ChatMessage next = me.answer(session, ANSWERS.get("flavor"));
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (next.validationError().isPresent()) {
                throw new IllegalStateException(next.validationError().get());
            }
            me.back(session);
        }
        return Medians.of(millis);
    }

    /** Answers (a size given and taken back) by 16 users at once over the instances, per second. */
    private static double answersPerSecond(List<ThreebotDeployer> instances, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicLong answers = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Future<?>> users = new ArrayList<>();
        for (int u = 0; u < 16; u++) {
            OwnerDeployer me = instances.get(u % instances.size()).forOwner("rate" + instances.size() + "u" + u);
            users.add(pool.submit(() -> {
                String session = me.startChat(Flow.DEPLOY).sessionId();
                me.answer(session, "rate" + instances.size());
                while (System.nanoTime() < end) {
                    me.answer(session, ANSWERS.get("flavor"));
                    me.back(session);
                    answers.addAndGet(2);
                }
                return null;
            }));
        }
        for (Future<?> u : users) {
            u.get();
        }
        pool.shutdown();
        return answers.get() / (double) seconds;
    }

    /** Deploys started at once over the instances, and how many complete per minute. */
    private static double deploysPerMinute(List<ThreebotDeployer> instances, int deploys, String tag)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(deploys);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int d = 0; d < deploys; d++) {
            OwnerDeployer me = instances.get(d % instances.size()).forOwner("dep" + tag + d);
            String name = "b" + tag + d;
            running.add(pool.submit(() -> {
                ScriptedDeploy.run(me, name, Duration.ofSeconds(60));
                return null;
            }));
        }
        for (Future<?> r : running) {
            r.get();
        }
        pool.shutdown();
        return deploys / ((System.nanoTime() - start) / 60e9);
    }
}
