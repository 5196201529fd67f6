package io.threebot.deployer.examples;

import com.zaxxer.hikari.HikariDataSource;
import io.threebot.deployer.Flow;
import io.threebot.deployer.OwnerDeployer;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.crypto.KeyDerivation;
import io.threebot.deployer.crypto.Pbkdf2;
import io.threebot.deployer.model.Location;
import io.threebot.deployer.model.Node;
import io.threebot.deployer.model.ResourceUnits;
import io.threebot.deployer.sim.SampleTopology;
import io.threebot.deployer.store.JdbcStateStore;
import io.threebot.deployer.testkit.LocalPostgres;
import io.threebot.deployer.testkit.SimulatedWorld;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How close deploys come to what the grid allows, alone and hundreds at once, side by side in one run on the
 * simulated grid with realistic waits (every workload takes 2 s to come up, a 3Bot 3 s more to boot), on the stores
 * users run: the file store (in a temporary directory) and PostgreSQL (a cluster of its own on loopback that syncs
 * every commit, through a pool of 64 connections,
 * {@code -Ddeploy.benchmark.connections=N} for another size). The deployer is built through the public API
 * with the default settings (polls of the grid up to every second, the default executors), and only the password
 * hashing lowered:
 * <ul>
 *   <li>one deploy's time (the whole chat, answered by a script) against its critical path: network, then
 *   container, then boot, 7 s;</li>
 *   <li>N deploys started at once, until the last one answers, against one deploy alone (N = 200 and 1,000);</li>
 *   <li>the memory and threads one in-flight deploy holds, and the heap an idle chat session holds.</li>
 * </ul>
 * The password hashes are deliberate CPU work (hundreds of milliseconds a deploy at their defaults) and this
 * measures waiting: their iteration counts are lowered (and the run says so), and the CPU time they cost at their
 * defaults is measured and printed beside.
 *
 * <p>With the argument {@code virtual} (on Java 21 or newer) the chats' long steps run on a virtual thread per task,
 * handed to the builder's {@code flowExecutor}, instead of the deployer's own pool.
 *
 * <pre>./scripts/benchmark.sh deploy [files|postgres] [virtual] [concurrent counts, default 200 1000]</pre>
 */
public final class DeployBenchmark {
    private static final Duration WORKLOAD_DELAY = Duration.ofSeconds(2);
    private static final Duration BOOT = Duration.ofSeconds(3);
    /** The network, then the container, then the boot: nothing can shorten this. */
    private static final Duration CRITICAL_PATH = WORKLOAD_DELAY.plus(WORKLOAD_DELAY).plus(BOOT);
    private static final int LOWERED_ITERATIONS = 1_000;
    private static final java.util.concurrent.atomic.AtomicInteger DERIVATIONS =
            new java.util.concurrent.atomic.AtomicInteger();
    private static int derivationsPerDeploy;
    private static final int IDLE_SESSIONS = 2_000;
    /** Deploys at once before anything is measured, so that the JIT compiled the deployer's paths. */
    private static final int WARM_UP = 20;
    /**
     * The most deploys at once of the crowd warm-up rounds, the size of the first measured one up to this: the JIT
     * compiles the paths many users at once take (contended locks, full pools) only once they are taken.
     */
    private static final int WARM_UP_CROWD = 200;
    /**
     * Crowd warm-up rounds: on 2 cores the JIT still compiles for about half of the CPU of a first crowd, and the
     * time the last user waits for its first long step stops shrinking after the third.
     */
    private static final int WARM_UP_ROUNDS = 3;
    /** Enough frames of a thread's stack to see a pool's idle thread waiting in {@code getTask} (at depth 9). */
    private static final int SAMPLED_FRAMES = 16;
    private static final Duration PATIENCE = Duration.ofMinutes(5);
    /**
     * The connections of the pool: the example host's 16 ({@code HostBackend}) let 200 users at once wait longer
     * than its 2.5 s for one, and their answers failed as if the database were down (see the README).
     */
    private static final int DATABASE_CONNECTIONS = Integer.getInteger("deploy.benchmark.connections", 64);
    /** The stores measured, as the arguments name them. */
    private static final List<String> STORES = List.of("files", "postgres");

    private DeployBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> words = java.util.Arrays.asList(args);
        Set<String> stores = new HashSet<>(STORES);
        stores.retainAll(words);
        int[] counts = words.stream().filter(a -> !a.equals("virtual") && !STORES.contains(a))
                .mapToInt(Integer::parseInt).toArray();
        BenchmarkTable.print(ratios(words.contains("virtual"), stores.isEmpty() ? Set.copyOf(STORES) : stores,
                counts.length > 0 ? counts : new int[] {200, 1_000}), System.out);
    }

    /** Measures and returns the rows on both stores and the deployer's own executors; prints what it does. */
    public static List<BenchmarkRatio> ratios(int... concurrent) throws Exception {
        return ratios(false, Set.copyOf(STORES), concurrent);
    }

    /**
     * Measures and returns the rows on the {@code stores} named ({@code files}, {@code postgres}), the long steps on
     * virtual threads when {@code virtual} (Java 21 or newer); prints what it does as it goes.
     */
    public static List<BenchmarkRatio> ratios(boolean virtual, Set<String> stores, int... concurrent)
            throws Exception {
        DeployerSettings settings = settings();
        DeployerSettings defaults = DeployerSettings.defaults();
        List<BenchmarkRatio> rows = new ArrayList<>();
        System.out.printf(Locale.ROOT, "simulated grid: workloads up after %d s, 3Bots answer %d s later; critical "
                + "path %d s; default settings: polls up to every %d ms, %d worker threads, up to %,d long steps at "
                + "once%n", WORKLOAD_DELAY.toSeconds(), BOOT.toSeconds(), CRITICAL_PATH.toSeconds(),
                settings.pollInterval().toMillis(), settings.workerThreads(), settings.maxConcurrentSteps());
        System.out.printf(Locale.ROOT, "LOWERED: password hashing, %,d iterations for the recovery password's hash "
                        + "(default %,d) and the identity keys' derivation (default hardened 210,000), so that the "
                        + "timings measure waiting; their CPU cost at the defaults is measured below%n",
                LOWERED_ITERATIONS, defaults.passwordHashIterations());
        System.out.printf(Locale.ROOT, "PostgreSQL through a pool of %d connections%n", DATABASE_CONNECTIONS);
        System.out.printf(Locale.ROOT, "long steps on %s; load average %.2f on %d cores (java %s)%n",
                virtual ? "a virtual thread each (flowExecutor)" : "the deployer's own pool", loadAverage(),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        if (stores.contains("files")) {
            rows.addAll(onStore("file store", ThreebotDeployer.builder()
                    .dataDirectory(ScratchDirectories.create("bench-deploy-files-")), settings, virtual, true,
                    concurrent));
        }
        if (stores.contains("postgres")) {
            try (LocalPostgres postgres = LocalPostgres.startDurable();
                 HikariDataSource pool = pool(postgres.createDatabase("bench"))) {
                rows.addAll(onStore("PostgreSQL", ThreebotDeployer.builder().store(JdbcStateStore.open(pool))
                        .dataDirectory(ScratchDirectories.create("bench-deploy-keys-")), settings, virtual, false,
                        concurrent));
            }
        }
        rows.add(hashCost(concurrent));
        System.out.printf(Locale.ROOT, "load average at the end %.2f%n", loadAverage());
        return rows;
    }

    /** The rows of one store: one deploy, then each count at once, on a grid of their own. */
    private static List<BenchmarkRatio> onStore(String store, ThreebotDeployer.Builder base, DeployerSettings settings,
                                                boolean virtual, boolean idleSessions, int... concurrent)
            throws Exception {
        List<BenchmarkRatio> rows = new ArrayList<>();
        SimulatedWorld world = world();
        ThreebotDeployer.Builder builder = base.settings(settings).grid(world.grid()).payments(world.payments())
                .userPayments(world.ledger()).domains(world.dns()).reachability(world.reachability());
        ExecutorService steps = virtual ? virtualThreadPerTask() : null;
        if (steps != null) {
            builder = builder.flowExecutor(steps);
        }
        System.out.println("== " + store);
        try (ThreebotDeployer deployer = builder.build().start()) {
            // threads are counted against the started deployer's, so that those a run left idle count in the next
            int idleThreads = workingThreads();
            // as a host that has run a while: the JIT has compiled what a deploy runs (not counted)
            deployAtOnce(deployer, WARM_UP, store, "warm", idleThreads);
            for (int round = 1; concurrent.length > 0 && round <= WARM_UP_ROUNDS; round++) {
                deployAtOnce(deployer, Math.min(concurrent[0], WARM_UP_CROWD), store, "crowd" + round, idleThreads);
            }
            DERIVATIONS.set(0);
            double one = deployAtOnce(deployer, 1, store, "one", idleThreads).seconds();
            derivationsPerDeploy = DERIVATIONS.get();
            System.out.printf(Locale.ROOT, "one deploy, %s: %.2f s%n", store, one);
            rows.add(BenchmarkRatio.atMost("deploy time / critical path, " + store, one / CRITICAL_PATH.toSeconds(),
                    1.1, String.format(Locale.ROOT, "%.2f s vs %d s", one, CRITICAL_PATH.toSeconds())));
            for (int n : concurrent) {
                String measure = n + " concurrent deploys / one deploy, " + store;
                Run run;
                try {
                    run = deployAtOnce(deployer, n, store, "n" + n, idleThreads);
                } catch (ExecutionException e) {
                    // a user saw an error (the store unavailable, say): the row says so, the other stores still run
                    System.out.printf(Locale.ROOT, "%d deploys at once, %s: a user's chat failed: %s%n", n, store,
                            e.getCause());
                    rows.add(new BenchmarkRatio(measure, Double.NaN, String.format(Locale.ROOT, "<= %.2f",
                            n >= 1_000 ? 1.5 : 1.2), false, "a user's chat failed: " + e.getCause()));
                    break;
                }
                System.out.printf(Locale.ROOT, "%d deploys at once, %s: %.2f s; in flight: %,d KiB heap and "
                        + "%.2f threads at work each (%.2f on average over the run)%n", n, store, run.seconds(),
                        run.heapBytesPerDeploy() / 1024, run.threadsPerDeploy(), run.meanThreadsPerDeploy());
                rows.add(BenchmarkRatio.atMost(measure, run.seconds() / one,
                        n >= 1_000 ? 1.5 : 1.2, String.format(Locale.ROOT, "%.2f s vs %.2f s; %,d KiB heap per "
                                + "deploy in flight", run.seconds(), one, run.heapBytesPerDeploy() / 1024)));
                rows.add(BenchmarkRatio.below("threads per deploy in flight, " + n + " at once, " + store,
                        run.threadsPerDeploy(), 0.1, "threads", String.format(Locale.ROOT, "%.0f threads at work "
                                + "for %d deploys in flight; %.2f a deploy on average over the run%s",
                                run.threadsPerDeploy() * run.inFlight(), run.inFlight(), run.meanThreadsPerDeploy(),
                                virtual ? " (platform threads; the long steps' virtual threads not counted)" : "")));
            }
            if (idleSessions) {
                long perSession = idleSessionBytes(deployer);
                rows.add(BenchmarkRatio.figure("heap per idle chat session, " + store, perSession, "bytes",
                        String.format(Locale.ROOT, "%,d sessions waiting for their second answer",
                                IDLE_SESSIONS)));
            }
        } finally {
            if (steps != null) {
                steps.shutdownNow();
            }
        }
        return rows;
    }

    /**
     * The example host's pool, which waits up to 30 s for its first connection: a cluster just started on a busy
     * machine may take longer than one attempt's deadline to let the first one in.
     */
    private static HikariDataSource pool(String jdbcUrl) {
        com.zaxxer.hikari.HikariConfig config = ConnectionPools.config(jdbcUrl, "deploy-benchmark",
                DATABASE_CONNECTIONS);
        config.setInitializationFailTimeout(Duration.ofSeconds(30).toMillis());
        return new HikariDataSource(config);
    }

    /** Java 21's virtual-thread-per-task executor, looked up so that this compiles for Java 17. */
    private static ExecutorService virtualThreadPerTask() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need Java 21 or newer; this is " + Runtime.version(), e);
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** A simulated grid with realistic waits and room for hundreds of 3Bots. */
    private static SimulatedWorld world() {
        SimulatedWorld world = SimulatedWorld.builder().workloadDelay(WORKLOAD_DELAY).bootTime(BOOT).build();
        addRoom(world);
        return world;
    }

    /** The defaults, with only the password hashing lowered (and its key derivations counted). */
    private static DeployerSettings settings() {
        return DeployerSettings.builder().passwordHashIterations(LOWERED_ITERATIONS)
                .keyDerivation(new CountingKeyDerivation(KeyDerivation.hardened(LOWERED_ITERATIONS))).build();
    }

    /** Enough nodes that hundreds of Silver 3Bots fit on every farm. */
    private static void addRoom(SimulatedWorld world) {
        Location[] places = {new Location("Europe", "Belgium", "Ghent"), new Location("Europe", "Austria", "Vienna"),
                new Location("North America", "Canada", "Toronto"), new Location("Asia", "Japan", "Tokyo")};
        long[] farms = {SampleTopology.FARM_GHENT, SampleTopology.FARM_VIENNA, SampleTopology.FARM_TORONTO,
                SampleTopology.FARM_TOKYO};
        for (int f = 0; f < farms.length; f++) {
            for (int i = 0; i < 8; i++) {
                String id = "node-bench-" + farms[f] + "-" + i;
                byte[] key = new byte[32];
                key[0] = (byte) farms[f];
                key[1] = (byte) i;
                key[2] = 42;
                world.grid().addNode(new Node(id, farms[f], places[f], new ResourceUnits(64, 256, 4000, 8000),
                        ResourceUnits.ZERO, ResourceUnits.ZERO, Instant.now(),
                        Optional.of("185.206.123." + (f * 8 + i + 10) + "/24"), Optional.empty(),
                        HexFormat.of().formatHex(key), false));
            }
        }
    }

    /**
     * A run of deploys started at once: until the last one answered, and what the deploys in flight held when the last
     * chat reached its first long step (then every deploy has begun, and those not yet finished are in flight).
     */
    private record Run(double seconds, long heapBytesPerDeploy, double threadsPerDeploy, int inFlight,
                       double meanThreadsPerDeploy) {
    }

    /**
     * Runs {@code n} deploys at once; the threads in flight are those at work ({@link #workingThreads()}) beyond
     * {@code idleThreads}, the count of the deployer just started, less the scripted users' own: once when the last
     * chat reached its first long step, and on average over the whole run (sampled every 100 ms).
     */
    private static Run deployAtOnce(ThreebotDeployer deployer, int n, String store, String tag, int idleThreads)
            throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        ExecutorService users = Executors.newFixedThreadPool(n);
        CountDownLatch allBusy = new CountDownLatch(n);
        AtomicInteger finished = new AtomicInteger();
        long cpuBefore = processCpuNanos();
        long jitBefore = jitMillis();
        long start = System.nanoTime();
        List<Future<Long>> running = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            OwnerDeployer owner = deployer.forOwner(tag + "u" + d);
            String name = "b" + tag + "x" + d;
            running.add(users.submit(() -> {
                java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean();
                Runnable began = () -> {
                    if (busy.compareAndSet(false, true)) {
                        allBusy.countDown();
                    }
                };
                try {
                    return ScriptedDeploy.run(owner, name, PATIENCE, began);
                } finally {
                    finished.incrementAndGet();
                    began.run(); // a deploy that failed before its first long step holds nobody up
                }
            }));
        }
        ThreadSampler sampler = new ThreadSampler(n, finished, idleThreads);
        if (!allBusy.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
            sampler.close();
            users.shutdownNow();
            throw new IllegalStateException("not every chat reached its first long step within " + PATIENCE);
        }
        int inFlight = Math.max(1, n - finished.get());
        System.gc();
        long heapInFlight = memory.getHeapMemoryUsage().getUsed() - heapBefore;
        // the scripted users' own threads are not the deployer's
        int threadsInFlight = Math.max(0, workingThreads() - idleThreads - n);
        long lastBusy = 0;
        try {
            for (Future<Long> r : running) {
                lastBusy = Math.max(lastBusy, r.get());
            }
        } catch (ExecutionException e) {
            users.shutdownNow();
            throw e;
        } finally {
            sampler.close();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (processCpuNanos() - cpuBefore) / 1e9;
        double jit = (jitMillis() - jitBefore) / 1e3;
        System.out.printf(Locale.ROOT, "  %d deploys, %s: the last chat reached its first long step after %.2f "
                        + "s, %d deploys then in flight; this process used %.1f s of CPU (%.0f%% of %d cores), the "
                        + "JIT %.1f s of it; load average %.2f%n", n, store, (lastBusy - start) / 1e9, inFlight, cpu,
                100 * cpu / seconds / Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors(), jit, loadAverage());
        users.shutdown();
        return new Run(seconds, Math.max(0, heapInFlight) / inFlight, (double) threadsInFlight / inFlight, inFlight,
                sampler.meanPerDeploy());
    }

    /** The time the JIT's compiler threads spent compiling so far. */
    private static long jitMillis() {
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /**
     * The threads at work: alive and not idle in a pool, waiting for a task ({@code ThreadPoolExecutor.getTask}).
     * A pool keeps the threads of a burst alive a while after it, idle; those hold up no deploy.
     */
    private static int workingThreads() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int working = 0;
        // a few frames each: a full stack of every thread ten times a second costs the run a share of its CPU
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), SAMPLED_FRAMES)) {
            if (info != null && java.util.Arrays.stream(info.getStackTrace()).noneMatch(frame ->
                    frame.getClassName().equals("java.util.concurrent.ThreadPoolExecutor")
                            && frame.getMethodName().equals("getTask"))) {
                working++;
            }
        }
        return working;
    }

    /** Samples the threads at work per deploy in flight every 100 ms while a run lasts. */
    private static final class ThreadSampler implements AutoCloseable {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final java.util.concurrent.atomic.DoubleAdder sum = new java.util.concurrent.atomic.DoubleAdder();
        private final AtomicInteger samples = new AtomicInteger();

        ThreadSampler(int n, AtomicInteger finished, int idleThreads) {
            timer.scheduleAtFixedRate(() -> {
                int inFlight = n - finished.get();
                if (inFlight > 0) {
                    // the users still scripting their chats, and this sampler's own thread, are not the deployer's
                    sum.add(Math.max(0, workingThreads() - idleThreads - inFlight - 1) / (double) inFlight);
                    samples.incrementAndGet();
                }
            }, 100, 100, TimeUnit.MILLISECONDS);
        }

        double meanPerDeploy() {
            return samples.get() == 0 ? 0 : sum.sum() / samples.get();
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    /**
     * The heap an idle chat session holds: {@link #IDLE_SESSIONS} sessions opened by 32 users at once (each answered
     * once), then as many again, the heap measured after a collection each time; the second batch's growth, per
     * session. Measuring from the first batch on leaves out what the deploys before left to collect or still let go
     * meanwhile (their threads ending, say), which a single before-and-after measure would take off the sessions'
     * part.
     */
    private static long idleSessionBytes(ThreebotDeployer deployer) throws Exception {
        openIdleSessions(deployer, "idlea");
        long first = settledHeap();
        openIdleSessions(deployer, "idleb");
        long second = settledHeap();
        return Math.max(0, (second - first) / IDLE_SESSIONS);
    }

    private static void openIdleSessions(ThreebotDeployer deployer, String prefix) throws Exception {
        ExecutorService users = Executors.newFixedThreadPool(32);
        try {
            List<Future<?>> opened = new ArrayList<>();
            for (int i = 0; i < IDLE_SESSIONS; i++) {
                OwnerDeployer owner = deployer.forOwner(prefix + i);
                String name = prefix + i;
                opened.add(users.submit(() -> owner.answer(owner.startChat(Flow.DEPLOY).sessionId(), name)));
            }
            for (Future<?> o : opened) {
                o.get();
            }
        } finally {
            users.shutdown();
        }
    }

    /** The heap in use after collections, once two in a row free nothing more (at most five). */
    private static long settledHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The CPU the password hashes of one deploy cost at their defaults: the key derivations a deploy made (counted
     * in the one-deploy run) and the one hash of its recovery password, each timed on this thread at the default
     * iteration counts.
     */
    private static BenchmarkRatio hashCost(int... concurrent) {
        DeployerSettings defaults = DeployerSettings.defaults();
        KeyDerivation derivation = defaults.keyDerivation();
        byte[] salt = new byte[16];
        double[] derive = new double[5];
        double[] hash = new double[5];
        for (int i = 0; i < derive.length; i++) {
            derive[i] = cpuSeconds(() -> derivation.containerSecret("bench_hash", "correct horse battery"));
            hash[i] = cpuSeconds(() -> Pbkdf2.sha256("correct horse battery", salt,
                    defaults.passwordHashIterations()));
        }
        double perDeploy = derivationsPerDeploy * Medians.of(derive) + Medians.of(hash);
        int most = java.util.Arrays.stream(concurrent).max().orElse(1);
        System.out.printf(Locale.ROOT, "a deploy derives its identity key %d times (%.0f ms each at the default "
                        + "iterations) and hashes its recovery password once (%.0f ms): %.0f ms of CPU at the "
                        + "defaults, lowered to %,d iterations for the timings above%n", derivationsPerDeploy,
                Medians.of(derive) * 1000, Medians.of(hash) * 1000, perDeploy * 1000, LOWERED_ITERATIONS);
        return BenchmarkRatio.figure("CPU of the password hashes per deploy, defaults", perDeploy * 1000, "ms",
                String.format(Locale.ROOT, "%d deploys at once would add %.0f s of CPU on %d cores", most,
                        perDeploy * most, Runtime.getRuntime().availableProcessors()));
    }

    private static double cpuSeconds(Runnable work) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadCpuTime();
        work.run();
        return (threads.getCurrentThreadCpuTime() - before) / 1e9;
    }

    /** Counts the key derivations the deployer makes. */
    private record CountingKeyDerivation(KeyDerivation delegate) implements KeyDerivation {
        @Override
        public String containerSecret(String identityName, String password) {
            DERIVATIONS.incrementAndGet();
            return delegate.containerSecret(identityName, password);
        }
    }
}
