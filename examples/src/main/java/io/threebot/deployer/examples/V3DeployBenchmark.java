package io.threebot.deployer.examples;

import io.threebot.deployer.OwnerDeployer;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.crypto.KeyDerivation;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.spi.HostingOrder;
import io.threebot.deployer.spi.HostingPlan;
import io.threebot.deployer.spi.ThreebotHosting;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Deploys on a local TFGrid v3 ({@link LocalV3Hosting}: tfchain making a block every 300 ms, the RMB relay, simulated
 * zos nodes taking 200 ms a workload) through the public API with the default settings and the file store, and prints
 * two kinds of ratio, each measured side by side in one run:
 * <ul>
 *   <li>one deploy through the whole chat against the same deploy made straight through the v3 hosting (top-up, plan,
 *   deploy, the gateway answering): what the deployer adds to the grid's own work (payment matching, journaling,
 *   the readiness probe's polls every second);</li>
 *   <li>N deploys at once against one, each a user's whole chat, on nodes of twice the sample topology's capacity
 *   (which holds about 148 Silver 3Bots) so that 200 fit.</li>
 * </ul>
 * <b>One thing is lowered:</b> the password hashing (1,000 iterations instead of 600,000 and 210,000), which is
 * deliberate CPU work measured apart by {@link DeployBenchmark}; these runs measure waiting.
 *
 * <pre>./scripts/benchmark.sh v3deploy [N...]</pre>   (default 50 and 200)
 */
public final class V3DeployBenchmark {
    private static final int LOWERED_ITERATIONS = 1_000;
    private static final Duration BLOCK = Duration.ofMillis(300);
    /**
     * The sample topology's nodes hold about 148 Silver 3Bots; at twice their capacity 200 at once fit (with room
     * over for the single deploys), so the run measures deploying, not running out of room.
     */
    private static final int NODE_CAPACITY_SCALE = 2;
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    private V3DeployBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] counts = Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        BenchmarkTable.print(ratios(counts.length > 0 ? counts : new int[] {50, 200}), System.out);
    }

    /** Measures and returns the rows; prints what it does as it goes. */
    public static List<BenchmarkRatio> ratios(int... concurrent) throws Exception {
        List<BenchmarkRatio> rows = new ArrayList<>();
        DeployerSettings settings = DeployerSettings.builder().passwordHashIterations(LOWERED_ITERATIONS)
                .keyDerivation(KeyDerivation.hardened(LOWERED_ITERATIONS)).build();
        System.out.printf(Locale.ROOT, "local TFGrid v3: a block every %d ms, workloads up after 200 ms; default "
                + "settings (polls every %d ms); file store%n", BLOCK.toMillis(), settings.pollInterval().toMillis());
        System.out.printf(Locale.ROOT, "the sample topology's nodes with %d times their capacity, so that the users "
                + "at once fit%n", NODE_CAPACITY_SCALE);
        System.out.printf(Locale.ROOT, "LOWERED: password hashing, %,d iterations (defaults 600,000 and 210,000)%n",
                LOWERED_ITERATIONS);
        try (LocalV3Hosting v3 = LocalV3Hosting.embedded(Optional.empty(), BLOCK, NODE_CAPACITY_SCALE);
             ThreebotDeployer deployer = ThreebotDeployer.builder().settings(settings)
                     .dataDirectory(ScratchDirectories.create("bench-v3-deploy-")).hosting(v3.hosting())
                     .userPayments(new SimulatedLedger(Clock.systemUTC()).payRequestsAfter(Duration.ZERO))
                     .reachability(v3.reachability()).build().start()) {
            direct(v3, "warm");
            double straight = direct(v3, "direct");
            System.out.printf(Locale.ROOT, "one deploy straight through the hosting: %.2f s%n", straight);
            deployAtOnce(deployer, 1, "warm").requireAll();
            double one = deployAtOnce(deployer, 1, "one").requireAll();
            System.out.printf(Locale.ROOT, "one deploy through the chat: %.2f s%n", one);
            rows.add(BenchmarkRatio.atMost("v3 deploy time / the hosting's own deploy", one / straight, 1.1,
                    String.format(Locale.ROOT, "%.2f s vs %.2f s", one, straight)));
            for (int n : concurrent) {
                String measure = "v3: " + n + " concurrent deploys / one deploy";
                Outcomes outcomes = deployAtOnce(deployer, n, "n" + n);
                System.out.printf(Locale.ROOT, "%d deploys at once: %s%n", n, outcomes.summary());
                outcomes.failures().forEach((why, count) -> System.out.printf(Locale.ROOT, "  %d x %s%n", count,
                        why));
                if (outcomes.failed() == 0) {
                    rows.add(BenchmarkRatio.atMost(measure, outcomes.seconds() / one, n >= 1_000 ? 1.5 : 1.2,
                            String.format(Locale.ROOT, "%.2f s vs %.2f s; %s", outcomes.seconds(), one,
                                    outcomes.placement())));
                } else {
                    rows.add(new BenchmarkRatio(measure, Double.NaN, n >= 1_000 ? "<= 1.50" : "<= 1.20", false,
                            outcomes.summary()));
                }
            }
        }
        return rows;
    }

    /** The same deploy as the chat's, straight through the hosting: top-up, plan, deploy, then the answer. */
    private static double direct(LocalV3Hosting v3, String tag) throws Exception {
        ThreebotHosting hosting = v3.hosting();
        IdentityKeys keys = IdentityKeys.generate(new SecureRandom());
        long start = System.nanoTime();
        hosting.topUp(hosting.account(keys), hosting.quote(Flavor.SILVER, Duration.ofDays(1)));
        HostingPlan plan = hosting.plan(keys, new HostingOrder("d" + tag + System.nanoTime() % 100_000,
                Flavor.SILVER, List.of(), Optional.empty(), Map.of("SSHKEY", "")));
        hosting.deploy(keys, plan, List.of(), entry -> { }, message -> { });
        URI address = URI.create("https://" + plan.fqdn() + "/admin");
        while (!v3.reachability().isReachable(address, Duration.ofSeconds(1))) {
            Thread.sleep(10);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * How {@code n} deploys at once ended: the seconds until the last one ended, the nodes the running ones are on,
     * and each failure's message (the first line of what the user read) with how many ended so.
     */
    record Outcomes(int n, double seconds, Map<String, Long> nodes, Map<String, Long> failures) {
        long failed() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }

        double requireAll() {
            if (failed() > 0) {
                throw new IllegalStateException("a deploy failed: " + failures.keySet());
            }
            return seconds;
        }

        String placement() {
            return (n - failed()) + " running on " + nodes.size() + " nodes (at most "
                    + nodes.values().stream().mapToLong(Long::longValue).max().orElse(0) + " on one)";
        }

        String summary() {
            return String.format(Locale.ROOT, "%.2f s; %s; %d failed", seconds, placement(), failed())
                    + (failures.isEmpty() ? "" : " (" + String.join("; ", failures.keySet().stream()
                    .map(why -> failures.get(why) + " x " + why).toList()) + ")");
        }
    }

    /** {@code n} users each through a whole deploy chat at once, each to its end. */
    private static Outcomes deployAtOnce(ThreebotDeployer deployer, int n, String tag) throws Exception {
        ExecutorService users = Executors.newFixedThreadPool(n);
        try {
            long start = System.nanoTime();
            List<Future<Long>> running = new ArrayList<>();
            List<OwnerDeployer> owners = new ArrayList<>();
            for (int d = 0; d < n; d++) {
                OwnerDeployer owner = deployer.forOwner("v3" + tag + "u" + d);
                owners.add(owner);
                String name = "v" + tag + "x" + d;
                running.add(users.submit(() -> ScriptedDeploy.run(owner, name, PATIENCE)));
            }
            Map<String, Long> failures = new java.util.TreeMap<>();
            for (Future<Long> r : running) {
                try {
                    r.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.merge(kind(e.getCause()), 1L, Long::sum);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Long> nodes = new java.util.TreeMap<>();
            for (OwnerDeployer owner : owners) {
                owner.threebots().forEach(bot -> nodes.merge(bot.nodeId(), 1L, Long::sum));
            }
            return new Outcomes(n, seconds, nodes, failures);
        } finally {
            users.shutdownNow();
        }
    }

    /** What a failure says, without what differs from one user to the next (names, nonces, amounts, ids). */
    private static String kind(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int reason = message.indexOf(" ended with ");
        String said = reason < 0 ? message : message.substring(reason + " ended with ".length());
        int end = said.indexOf(". ");
        return (end < 0 ? said : said.substring(0, end)).replaceAll("0x[0-9a-f]+", "0x..")
                .replaceAll("\\b\\d+\\b", "N");
    }
}
