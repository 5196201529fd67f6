package io.threebot.deployer.examples;

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
import io.threebot.deployer.testkit.SimulatedWorld;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How close deploys come to what the grid allows, alone and hundreds at once, side by side in one run on the
 * simulated grid with realistic waits (every workload takes 2 s to come up, a 3Bot 3 s more to boot):
 * <ul>
 *   <li>one deploy's time (the whole chat, answered by a script) against its critical path: network, then
 *   container, then boot, 7 s;</li>
 *   <li>N deploys started at once, until the last one answers, against one deploy alone (N = 50 and 200);</li>
 *   <li>the memory and threads one in-flight deploy holds, and how many idle chat sessions fit in a GiB of heap.</li>
 * </ul>
 * The password hashes are deliberate CPU work (hundreds of milliseconds a deploy at their defaults) and this
 * measures waiting: their iteration counts are lowered through the settings, and the CPU time they cost at their
 * defaults is measured and printed beside.
 *
 * <pre>./scripts/benchmark.sh deploy [concurrent counts, default 50 200]</pre>
 */
public final class DeployBenchmark {
    private static final Duration WORKLOAD_DELAY = Duration.ofSeconds(2);
    private static final Duration BOOT = Duration.ofSeconds(3);
    /** The network, then the container, then the boot: nothing can shorten this. */
    private static final Duration CRITICAL_PATH = WORKLOAD_DELAY.plus(WORKLOAD_DELAY).plus(BOOT);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final KeyDerivation LOWERED_DERIVATION = KeyDerivation.hardened(1_000);
    private static final java.util.concurrent.atomic.AtomicInteger DERIVATIONS =
            new java.util.concurrent.atomic.AtomicInteger();
    private static int derivationsPerDeploy;
    private static final int IDLE_SESSIONS = 10_000;
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    private DeployBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] counts = args.length > 0 ? java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {50, 200};
        BenchmarkTable.print(ratios(counts), System.out);
    }

    /** Measures and returns the rows; prints what it does as it goes. */
    public static List<BenchmarkRatio> ratios(int... concurrent) throws Exception {
        DeployerSettings lowered = settings().build();
        List<BenchmarkRatio> rows = new ArrayList<>();
        System.out.printf(Locale.ROOT, "simulated grid: workloads up after %d s, 3Bots answer %d s later; critical "
                + "path %d s; polls every %d ms%n", WORKLOAD_DELAY.toSeconds(), BOOT.toSeconds(),
                CRITICAL_PATH.toSeconds(), POLL.toMillis());
        System.out.println("password hashes lowered to 1,000 iterations for the timings (their CPU cost at the "
                + "defaults is measured below)");
        try (ThreebotDeployer deployer = world().deployerBuilder(lowered).dataDirectory(temp("bench-deploy-"))
                .build().start()) {
            deployAtOnce(deployer, 1, "warm");
            DERIVATIONS.set(0);
            double one = deployAtOnce(deployer, 1, "one").seconds();
            derivationsPerDeploy = DERIVATIONS.get();
            System.out.printf(Locale.ROOT, "one deploy: %.2f s%n", one);
            rows.add(BenchmarkRatio.atMost("deploy time / critical path", one / CRITICAL_PATH.toSeconds(), 1.1,
                    String.format(Locale.ROOT, "%.2f s vs %d s", one, CRITICAL_PATH.toSeconds())));
            for (int n : concurrent) {
                Run run = deployAtOnce(deployer, n, "n" + n);
                System.out.printf(Locale.ROOT, "%d deploys at once: %.2f s; in flight: %,d KiB heap and %.2f "
                                + "threads each%n", n, run.seconds(), run.heapBytesPerDeploy() / 1024,
                        run.threadsPerDeploy());
                rows.add(BenchmarkRatio.atMost(n + " concurrent deploys / one deploy", run.seconds() / one, 1.2,
                        String.format(Locale.ROOT, "%.2f s vs %.2f s; %,d KiB heap, %.2f threads per deploy in "
                                + "flight", run.seconds(), one, run.heapBytesPerDeploy() / 1024,
                                run.threadsPerDeploy())));
            }
            long perSession = idleSessionBytes(deployer);
            rows.add(BenchmarkRatio.figure("idle chat sessions per GiB of heap", (double) (1L << 30) / perSession,
                    "sessions", String.format(Locale.ROOT, "%,d bytes each, %,d measured", perSession,
                            IDLE_SESSIONS)));
        }
        rows.add(hashCost(concurrent));
        return rows;
    }

    /** A simulated grid with realistic waits and room for hundreds of 3Bots. */
    private static SimulatedWorld world() {
        SimulatedWorld world = SimulatedWorld.builder().workloadDelay(WORKLOAD_DELAY).bootTime(BOOT).build();
        addRoom(world);
        return world;
    }

    private static DeployerSettings.Builder settings() {
        return SimulatedWorld.fastSettings().keyDerivation(new CountingKeyDerivation(LOWERED_DERIVATION))
                .pollInterval(POLL).workloadTimeout(Duration.ofMinutes(2))
                .readinessTimeout(Duration.ofMinutes(2)).poolPaymentTimeout(Duration.ofMinutes(2))
                .workerThreads(8).maxOpenChatsPerOwner(5);
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

    /** A run of deploys started at once: until the last one answered, and what they held while in flight. */
    private record Run(double seconds, long heapBytesPerDeploy, double threadsPerDeploy) {
    }

    private static Run deployAtOnce(ThreebotDeployer deployer, int n, String tag) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        int threadsBefore = Thread.activeCount();
        ExecutorService users = Executors.newFixedThreadPool(n);
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        List<Future<Long>> running = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            OwnerDeployer owner = deployer.forOwner(tag + "u" + d);
            String name = "b" + tag + "x" + d;
            running.add(users.submit(() -> ScriptedDeploy.run(owner, name, PATIENCE)));
        }
        // half way through the network's wait every deploy is in flight
        Thread.sleep(WORKLOAD_DELAY.toMillis() * 3 / 2);
        System.gc();
        long heapInFlight = memory.getHeapMemoryUsage().getUsed() - heapBefore;
        // the scripted users' own threads are not the deployer's
        int threadsInFlight = Thread.activeCount() - threadsBefore - n;
        long lastBusy = 0;
        for (Future<Long> r : running) {
            lastBusy = Math.max(lastBusy, r.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (processCpuNanos() - cpuBefore) / 1e9;
        System.out.printf(Locale.ROOT, "  %d deploys: the last chat reached its first long step after %.2f s; this "
                        + "process used %.1f s of CPU (%.0f%% of %d cores)%n", n, (lastBusy - start) / 1e9, cpu,
                100 * cpu / seconds / Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors());
        users.shutdown();
        return new Run(seconds, Math.max(0, heapInFlight) / n, (double) threadsInFlight / n);
    }

    /** Heap per chat session left waiting for its second answer. */
    private static long idleSessionBytes(ThreebotDeployer deployer) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        for (int i = 0; i < IDLE_SESSIONS; i++) {
            OwnerDeployer owner = deployer.forOwner("idle" + i);
            String session = owner.startChat(Flow.DEPLOY).sessionId();
            owner.answer(session, "idle" + i);
        }
        System.gc();
        long used = memory.getHeapMemoryUsage().getUsed() - before;
        return Math.max(1, used / IDLE_SESSIONS);
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
                        + "defaults, lowered to 1,000 iterations for the timings above%n", derivationsPerDeploy,
                Medians.of(derive) * 1000, Medians.of(hash) * 1000, perDeploy * 1000);
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

    private static Path temp(String prefix) throws java.io.IOException {
        return Files.createTempDirectory(prefix);
    }
}
