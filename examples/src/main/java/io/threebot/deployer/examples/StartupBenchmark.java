package io.threebot.deployer.examples;

import com.zaxxer.hikari.HikariDataSource;
import io.threebot.deployer.OwnerDeployer;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.ChatSession;
import io.threebot.deployer.chat.SessionStatus;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.internal.chat.ChatEngine;
import io.threebot.deployer.internal.deploy.DeploymentJournal;
import io.threebot.deployer.internal.deploy.ThreebotRepository;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.store.FileStateStore;
import io.threebot.deployer.store.JdbcStateStore;
import io.threebot.deployer.testkit.LocalPostgres;
import io.threebot.deployer.testkit.SimulatedWorld;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What a deployer's start and an owner's listing cost on a store full of history, against an empty store and one
 * probe, in one run. The full store holds {@code sessions} chat sessions (ended, failed and idle ones, and a few busy
 * ones of a flow this deployer does not run, so they are read at start but not resumed and every round starts on
 * the same store) and {@code threebots} 3Bots of many owners (running, stopped and destroyed) with their deployment
 * journals, written straight through the store API. Building and starting a deployer on it is timed against the
 * same on an empty store, on files and on PostgreSQL; listing the 200 3Bots of one owner, each probed with a fixed
 * latency, is timed against listing one owner's single 3Bot.
 *
 * <pre>./scripts/benchmark.sh start [sessions [threebots]]</pre>
 */
public final class StartupBenchmark {
    private static final int START_ROUNDS = 31;
    private static final int LIST_ROUNDS = 9;
    private static final int BIG_OWNER_BOTS = 200;
    private static final Duration PROBE_LATENCY = Duration.ofMillis(200);
    private static final int WRITERS = 8;
    private static final Map<String, String> ANSWERS = ScriptedDeploy.ANSWERS;
    private static final DeployerSettings SETTINGS = SimulatedWorld.fastSettings().build();

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int threebots = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        BenchmarkTable.print(ratios(sessions, threebots), System.out);
    }

    /** The ratios, measured side by side in one run; prints the details as it goes. */
    public static List<BenchmarkRatio> ratios(int sessions, int threebots) throws Exception {
        return ratios(sessions, threebots, System.out);
    }

    private static List<BenchmarkRatio> ratios(int sessions, int threebots, PrintStream out) throws Exception {
        if (threebots <= BIG_OWNER_BOTS) {
            throw new IllegalArgumentException("threebots must be more than " + BIG_OWNER_BOTS);
        }
        SimulatedWorld world = SimulatedWorld.builder().workloadDelay(Duration.ZERO).build();
        Threebot real = deployOne(world);
        world.reachability().probeLatency(PROBE_LATENCY);
        History history = new History(sessions, threebots, real, Instant.now());
        List<BenchmarkRatio> rows = new ArrayList<>();

        Path scratch = Files.createTempDirectory("startup-benchmark-");
        try {
            Path full = Files.createDirectories(scratch.resolve("full"));
            Path empty = Files.createDirectories(scratch.resolve("empty"));
            long fill = System.nanoTime();
            try (FileStateStore store = new FileStateStore(full)) {
                history.writeTo(store);
            }
            out.printf(Locale.ROOT, "file store filled with %,d sessions (%d busy) and %,d 3Bots with their "
                    + "journals in %.1f s%n", sessions, History.BUSY, threebots, (System.nanoTime() - fill) / 1e9);
            Supplier<ThreebotDeployer.Builder> onFull = () -> builder(world).dataDirectory(full);
            Supplier<ThreebotDeployer.Builder> onEmpty = () -> builder(world).dataDirectory(empty);
            rows.add(startRatio("file store", sessions, onFull, onEmpty, out));
            rows.add(listingRatio(onFull, out));

            try (LocalPostgres postgres = LocalPostgres.start();
                 HikariDataSource fullDb = pool(postgres.createDatabase("full"));
                 HikariDataSource emptyDb = pool(postgres.createDatabase("empty"))) {
                fill = System.nanoTime();
                history.writeTo(JdbcStateStore.open(fullDb));
                JdbcStateStore.open(emptyDb);
                out.printf(Locale.ROOT, "PostgreSQL filled likewise in %.1f s%n", (System.nanoTime() - fill) / 1e9);
                Path keys = Files.createDirectories(scratch.resolve("keys"));
                rows.add(startRatio("PostgreSQL", sessions,
                        () -> builder(world).store(JdbcStateStore.open(fullDb)).dataDirectory(keys),
                        () -> builder(world).store(JdbcStateStore.open(emptyDb)).dataDirectory(keys), out));
            }
        } finally {
            deleteTree(scratch);
        }
        return rows;
    }

    /** Removes the benchmark's files (half a gigabyte for the default counts). */
    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** A deployer on the world's grid and probe, its store given by the caller. */
    private static ThreebotDeployer.Builder builder(SimulatedWorld world) {
        return ThreebotDeployer.builder().settings(SETTINGS).simulation(world.grid(), Duration.ZERO)
                .reachability(world.reachability());
    }

    /** The median time to build and start a deployer on the full store over the same on the empty one. */
    private static BenchmarkRatio startRatio(String store, int sessions, Supplier<ThreebotDeployer.Builder> full,
                                             Supplier<ThreebotDeployer.Builder> empty, PrintStream out) {
        timeStart(full);
        timeStart(empty);
        double[] onFull = new double[START_ROUNDS];
        double[] onEmpty = new double[START_ROUNDS];
        for (int i = 0; i < START_ROUNDS; i++) {
            // each goes first every other round, so neither always starts right after the other closed
            if (i % 2 == 0) {
                onFull[i] = timeStart(full);
                onEmpty[i] = timeStart(empty);
            } else {
                onEmpty[i] = timeStart(empty);
                onFull[i] = timeStart(full);
            }
        }
        double a = Medians.of(onFull);
        double b = Medians.of(onEmpty);
        out.printf(Locale.ROOT, "build+start, %s: %.1f ms with %,d stored sessions, %.1f ms with none (medians of "
                + "%d; fastest %.1f and %.1f ms)%n", store, a, sessions, b, START_ROUNDS,
                Arrays.stream(onFull).min().orElse(0), Arrays.stream(onEmpty).min().orElse(0));
        return BenchmarkRatio.atMost(String.format(Locale.ROOT, "start with %,d stored sessions / with none, %s",
                sessions, store), a / b, 2.0, String.format(Locale.ROOT, "%.1f vs %.1f ms", a, b));
    }

    private static double timeStart(Supplier<ThreebotDeployer.Builder> builder) {
        long start = System.nanoTime();
        ThreebotDeployer deployer = builder.get().build().start();
        double millis = (System.nanoTime() - start) / 1e6;
        deployer.close();
        return millis;
    }

    /** The median time to list the owner with 200 3Bots over the time to list the owner with one. */
    private static BenchmarkRatio listingRatio(Supplier<ThreebotDeployer.Builder> full, PrintStream out) {
        try (ThreebotDeployer deployer = full.get().build().start()) {
            OwnerDeployer big = deployer.forOwner(History.BIG);
            OwnerDeployer solo = deployer.forOwner(History.SOLO);
            int listed = big.threebots().size();
            solo.threebots();
            double[] many = new double[LIST_ROUNDS];
            double[] one = new double[LIST_ROUNDS];
            for (int i = 0; i < LIST_ROUNDS; i++) {
                many[i] = time(big::threebots);
                one[i] = time(solo::threebots);
            }
            double a = Medians.of(many);
            double b = Medians.of(one);
            out.printf(Locale.ROOT, "listing (probes of %d ms each): %.1f ms for %d 3Bots, %.1f ms for one "
                    + "(medians of %d)%n", PROBE_LATENCY.toMillis(), a, listed, b, LIST_ROUNDS);
            return BenchmarkRatio.atMost("listing " + listed + " 3Bots / one probe", a / b, 1.5,
                    String.format(Locale.ROOT, "%.1f vs %.1f ms", a, b));
        }
    }

    private static double time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static HikariDataSource pool(String url) {
        return ConnectionPools.open(url, "startup-benchmark", WRITERS + 2);
    }

    /** Deploys the one real 3Bot whose workloads the listed 3Bots share, so the listing finds them on the grid. */
    private static Threebot deployOne(SimulatedWorld world) throws InterruptedException {
        try (ThreebotDeployer deployer = world.start()) {
            ScriptedDeploy.run(deployer.forOwner(History.SOLO), "solo", Duration.ofSeconds(60));
            // the record as stored, password hash and all, to copy into the seeded history
            return world.store().find(ThreebotRepository.KIND, "owner", History.SOLO, Threebot.class).get(0).value();
        }
    }

    /** The history the full stores hold, written the same into each. */
    private record History(int sessions, int threebots, Threebot real, Instant now) {
        static final String BIG = "big";
        static final String SOLO = "solo";
        private static final int OWNERS = 2_000;
        private static final int BUSY = 5;

        void writeTo(StateStore store) throws Exception {
            parallel(sessions, i -> store.put(ChatEngine.SESSIONS, "s" + i, session(i), StateStore.NEW));
            parallel(threebots, i -> {
                Threebot bot = threebot(i);
                store.put(ThreebotRepository.KIND, bot.uuid(), bot, StateStore.NEW);
                store.put(DeploymentJournal.KIND, bot.deploymentId(), journal(bot.deploymentId(), bot,
                        DeploymentJournal.Outcome.SUCCEEDED), StateStore.NEW);
                if (i % 10 == 0) {
                    store.put(DeploymentJournal.KIND, "undone-" + i, journal("undone-" + i, bot,
                            DeploymentJournal.Outcome.COMPENSATED), StateStore.NEW);
                }
            });
        }

        /** Mostly ended (60 % finished, 10 % failed), 30 % waiting for an answer, and a few busy. */
        private ChatSession session(int i) {
            boolean busy = i % Math.max(1, sessions / BUSY) == 0;
            SessionStatus status = busy ? SessionStatus.BUSY : switch (i % 10) {
                case 0, 1, 2, 3, 4, 5 -> SessionStatus.FINISHED;
                case 6 -> SessionStatus.FAILED;
                default -> SessionStatus.WAITING_FOR_ANSWER;
            };
            Instant at = now.minus(Duration.ofMinutes(10L + i % 40_000));
            return new ChatSession("s" + i, busy ? "retired-flow" : "deploy", "user" + (i % OWNERS), 3, 0, status,
                    Map.of("name", "bot" + i, "flavor", ANSWERS.get("flavor"), "days", "1"), Map.of(), Map.of(),
                    null, at, at);
        }

        /** The single real 3Bot of {@link #SOLO}, 200 copies of it for {@link #BIG}, and many owners' others. */
        private Threebot threebot(int i) {
            if (i == 0) {
                return real;
            }
            boolean big = i <= BIG_OWNER_BOTS;
            ThreebotState state = big ? ThreebotState.ERROR : switch (i % 10) {
                case 0, 1, 2, 3, 4 -> ThreebotState.RUNNING;
                case 5, 6 -> ThreebotState.STOPPED;
                default -> ThreebotState.DELETED;
            };
            String owner = big ? BIG : "owner" + (i % OWNERS);
            return new Threebot("bot-" + i, "bot" + i, owner, owner + "_bot" + i, real.identityTid(), real.flavor(),
                    real.farmId(), real.farmName(), real.continent(), real.nodeId(), real.poolId(),
                    "bot" + i + ".3bot.example", real.ipAddress(), state, real.workloadIds(), real.passwordHash(),
                    real.createdAt(), real.expiresAt(), "deploy-" + i, "");
        }

        private DeploymentJournal journal(String id, Threebot bot, DeploymentJournal.Outcome outcome) {
            return new DeploymentJournal(id, bot.owner(), bot.name(), Map.of(), outcome, "", bot.createdAt(),
                    bot.createdAt());
        }

        private static void parallel(int count, IntConsumer write) throws Exception {
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            try {
                List<Future<?>> parts = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int first = w;
                    parts.add(writers.submit(() -> {
                        for (int i = first; i < count; i += WRITERS) {
                            write.accept(i);
                        }
                    }));
                }
                for (Future<?> part : parts) {
                    part.get();
                }
            } finally {
                writers.shutdown();
            }
        }
    }
}
