package io.threebot.deployer.examples;

import java.io.PrintStream;
import java.util.List;

/** Prints benchmark ratios as one table, each with its target and whether it was met. */
final class BenchmarkTable {
    private BenchmarkTable() {
    }

    static void print(List<BenchmarkRatio> rows, PrintStream out) {
        int width = Math.max(20, rows.stream().mapToInt(r -> r.measure().length()).max().orElse(20));
        String format = "%-" + width + "s %8s %8s %5s  %s%n";
        out.printf(format, "measure", "ratio", "target", "met", "measured");
        for (BenchmarkRatio row : rows) {
            out.printf(format, row.measure(), String.format("%.2fx", row.ratio()), row.target(),
                    row.met() ? "yes" : "NO", row.detail());
        }
    }
}
