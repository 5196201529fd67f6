package io.threebot.deployer.examples;

import io.threebot.deployer.examples.v3grid.JavaGridUser;
import io.threebot.deployer.examples.v3grid.LocalTfchainConfig;
import io.threebot.deployer.examples.v3grid.LocalV3Grid;
import io.threebot.deployer.examples.v3grid.LocalV3GridConfig;
import io.threebot.deployer.examples.v3grid.SimulatedZosNode;
import io.threebot.deployer.tfgrid.zos.Deployment;
import io.threebot.deployer.tfgrid.zos.Network;
import io.threebot.deployer.tfgrid.zos.Workload;
import io.threebot.deployer.tfgrid.zos.ZMachine;
import io.threebot.deployer.tfgrid.zos.ZMount;
import java.io.PrintStream;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How many deployments per minute the local TFGrid v3 ({@link LocalV3Grid}: chain, relay, simulated zos nodes, in
 * this process, fast blocks and short workload delays) sustains with 50 clients at once, each driving the library's
 * own Java clients through a whole deploy (node contract, zos deploy, changes until every workload is ok, cancel),
 * against one client alone: so the local grid never becomes the bottleneck of the deployer's own benchmarks.
 *
 * <p>Usage: {@code V3GridBenchmark [clients] [deploys per client]} (default 50 and 3).
 */
public final class V3GridBenchmark {
    private static final long GIB = 1L << 30;
    private static final Duration READY = Duration.ofSeconds(60);

    private V3GridBenchmark() {
    }

    /** Runs the benchmark and prints its table. */
    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        BenchmarkTable.print(ratios(clients, rounds), System.out);
        System.exit(0);
    }

    /** The figures, measured in one run; prints the details as it goes. */
    public static List<BenchmarkRatio> ratios(int clients, int rounds) throws Exception {
        return ratios(clients, rounds, System.out);
    }

    private static List<BenchmarkRatio> ratios(int clients, int rounds, PrintStream out) throws Exception {
        try (LocalV3Grid grid = LocalV3Grid.start(LocalV3GridConfig.builder().chain(LocalTfchainConfig.builder()
                .blockInterval(Duration.ofMillis(100)).activationAmount(BigInteger.valueOf(1_000_000_000_000L))
                .build()).workloadDelay(Duration.ofMillis(50)).build())) {
            List<SimulatedZosNode> nodes = grid.nodes();
            List<JavaGridUser> users = createUsers(grid, clients);
            try {
                Run alone = run(List.of(users.get(0)), nodes, rounds * 3, "alone");
                out.printf("1 client: %d deploys in %.1f s, %.0f/min, p50 %d ms, p95 %d ms%n", alone.latencies.size(),
                        alone.seconds, alone.perMinute(), alone.percentile(50), alone.percentile(95));
                Run many = run(users, nodes, rounds, "many");
                out.printf("%d clients: %d deploys in %.1f s, %.0f/min, p50 %d ms, p95 %d ms%n", clients,
                        many.latencies.size(), many.seconds, many.perMinute(), many.percentile(50),
                        many.percentile(95));
                String detail = String.format("%d clients: %.0f deploys/min, p50 %d ms, p95 %d ms; one client: "
                        + "%.0f/min, p50 %d ms", clients, many.perMinute(), many.percentile(50), many.percentile(95),
                        alone.perMinute(), alone.percentile(50));
                return List.of(
                        BenchmarkRatio.figure("v3 grid deploys/min, " + clients + " Java clients", many.perMinute(),
                                "/min", detail),
                        BenchmarkRatio.atLeast("v3 grid throughput, " + clients + " clients / 1 client",
                                many.perMinute() / alone.perMinute(), 5, detail));
            } finally {
                users.forEach(JavaGridUser::close);
            }
        }
    }

    private static List<JavaGridUser> createUsers(LocalV3Grid grid, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(clients, 16));
        try {
            List<Future<JavaGridUser>> made = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                made.add(pool.submit(() -> JavaGridUser.create(grid)));
            }
            List<JavaGridUser> users = new ArrayList<>();
            for (Future<JavaGridUser> f : made) {
                users.add(f.get());
            }
            return users;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every user deploys {@code rounds} times, one after another, all users at once; latencies in ms. */
    private static Run run(List<JavaGridUser> users, List<SimulatedZosNode> nodes, int rounds, String tag)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(users.size());
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int u = 0; u < users.size(); u++) {
                JavaGridUser user = users.get(u);
                SimulatedZosNode node = nodes.get(u % nodes.size());
                int port = 7000 + u;
                done.add(pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        long t0 = System.nanoTime();
                        deployOnce(user, node, port, tag + "-" + r);
                        latencies.add((System.nanoTime() - t0) / 1_000_000);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Run(List.copyOf(latencies), (System.nanoTime() - started) / 1e9);
    }

    private static void deployOnce(JavaGridUser user, SimulatedZosNode node, int port, String tag)
            throws InterruptedException {
        Deployment d = Deployment.of(user.twinId(), "{\"bench\":\"" + tag + "\"}", "benchmark", List.of(
                Workload.of(0, "net", new Network("10.20.0.0/16", "10.20.2.0/24", "a2V5", port, List.of(), null),
                        "", ""),
                Workload.of(0, "disk", new ZMount(GIB), "", ""),
                Workload.of(0, "vm", new ZMachine("https://hub.grid.tf/tf-official-apps/base:latest.flist",
                        new ZMachine.MachineNetwork("", false, null, List.of(new ZMachine.Interface("net",
                                "10.20.2.2"))), GIB, new ZMachine.ComputeCapacity(1, GIB / 4),
                        List.of(new ZMachine.Mount("disk", "/data")), "/sbin/zinit init", Map.of(), false,
                        List.of()), "", "")));
        Deployment signed = user.contract(node.nodeId(), d);
        user.deploy(node.twinId(), signed);
        user.awaitOk(node.twinId(), signed.contractId(), READY);
        user.cancel(signed.contractId());
    }

    private record Run(List<Long> latencies, double seconds) {
        double perMinute() {
            return latencies.size() * 60 / seconds;
        }

        long percentile(int p) {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        }
    }
}
