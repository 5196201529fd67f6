package io.threebot.deployer.examples;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs every benchmark program of this module one after another and prints one table of their ratios, each
 * measured side by side within its own program's run: deploy time against the critical path and concurrent
 * deploys against one, the start of a deployer on a long history against an empty one and a listing against one
 * probe, SSH, log streaming and certificate issuance against their anchors, and TFGrid v3 signing against the
 * official clients under Node.
 *
 * <pre>./scripts/benchmark.sh all</pre>
 */
public final class AllBenchmarks {
    private AllBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        List<BenchmarkRatio> rows = new ArrayList<>();
        rows.addAll(section("deploys", () -> DeployBenchmark.ratios(200, 1_000)));
        rows.addAll(section("deploys on TFGrid v3", () -> V3DeployBenchmark.ratios(50, 200)));
        rows.addAll(section("start and listing", () -> StartupBenchmark.ratios(100_000, 10_000)));
        rows.addAll(section("ssh", () -> SshLatencyBenchmark.ratios(200)));
        rows.addAll(section("redis", () -> LogStreamBenchmark.ratios(500_000)));
        rows.addAll(section("acme", () -> CertificateBenchmark.ratios(7)));
        rows.addAll(section("tfgrid signing", () -> TfgridSigningBenchmark.ratios(2)));
        rows.addAll(section("local v3 grid", () -> V3GridBenchmark.ratios(50, 3)));
        System.out.println();
        System.out.println("All benchmarks, measured on " + Runtime.getRuntime().availableProcessors() + " cores:");
        BenchmarkTable.print(rows, System.out);
        long missed = rows.stream().filter(r -> !r.met()).count();
        System.out.println(missed == 0 ? "Every target met." : missed + " target(s) missed; see the README.");
    }

    /** One benchmark's rows, its own output first. */
    private static List<BenchmarkRatio> section(String name, Measured measured) throws Exception {
        System.out.println("== " + name);
        return measured.ratios();
    }

    @FunctionalInterface
    private interface Measured {
        List<BenchmarkRatio> ratios() throws Exception;
    }
}
