package io.threebot.deployer.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints benchmark ratios as one table, each with its target and whether it was met. */
final class BenchmarkTable {
    private BenchmarkTable() {
    }

    static void print(List<BenchmarkRatio> rows, PrintStream out) {
        int width = Math.max(20, rows.stream().mapToInt(r -> r.measure().length()).max().orElse(20));
        String format = "%-" + width + "s %14s %8s %5s  %s%n";
        out.printf(format, "measure", "ratio", "target", "met", "measured");
        for (BenchmarkRatio row : rows) {
            String value = Double.isNaN(row.ratio()) ? "-"
                    : row.unit().equals("x") ? String.format(Locale.ROOT, "%.2fx", row.ratio())
                    : String.format(Locale.ROOT, Math.abs(row.ratio()) < 10 ? "%.2f %s" : "%,.0f %s", row.ratio(),
                    row.unit());
            out.printf(format, row.measure(), value, row.target(), row.met() ? "yes" : "NO", row.detail());
        }
    }
}
