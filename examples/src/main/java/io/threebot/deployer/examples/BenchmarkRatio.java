package io.threebot.deployer.examples;

import java.util.Objects;

/**
 * One row of the benchmark table: a ratio of two things measured side by side in the same run, the target it is
 * held to and whether it met it.
 *
 * @param measure what was compared, e.g. {@code "LogTail / raw jedis, text lines"}
 * @param ratio   measured / anchor; NaN when nothing could be measured (the detail says why)
 * @param target  the target as written in the table, e.g. {@code ">= 0.90"}
 * @param met     whether the ratio meets the target
 * @param detail  the two measured figures behind the ratio, e.g. {@code "412,000 vs 430,000 lines/s"}
 * @param unit    what the value is in: {@code "x"} for a ratio, else the unit of a figure shown as measured
 */
public record BenchmarkRatio(String measure, double ratio, String target, boolean met, String detail, String unit) {
    public BenchmarkRatio {
        Objects.requireNonNull(measure);
        Objects.requireNonNull(target);
        Objects.requireNonNull(detail);
        Objects.requireNonNull(unit);
    }

    public BenchmarkRatio(String measure, double ratio, String target, boolean met, String detail) {
        this(measure, ratio, target, met, detail, "x");
    }

    /** A figure that is not a ratio (say, idle sessions per GiB of heap), shown with its unit. */
    public static BenchmarkRatio figure(String measure, double value, String unit, String detail) {
        return new BenchmarkRatio(measure, value, "-", true, detail, unit);
    }

    /** A figure with its unit that must stay below {@code limit}, e.g. threads per deploy in flight. */
    public static BenchmarkRatio below(String measure, double value, double limit, String unit, String detail) {
        return new BenchmarkRatio(measure, value, String.format("< %.2f", limit), value < limit, detail, unit);
    }

    /** A ratio that must be at most {@code limit}. */
    public static BenchmarkRatio atMost(String measure, double ratio, double limit, String detail) {
        return new BenchmarkRatio(measure, ratio, String.format("<= %.2f", limit), ratio <= limit, detail);
    }

    /** A ratio that must be at least {@code limit}. */
    public static BenchmarkRatio atLeast(String measure, double ratio, double limit, String detail) {
        return new BenchmarkRatio(measure, ratio, String.format(">= %.2f", limit), ratio >= limit, detail);
    }

    /** A ratio shown for information, held to no target. */
    public static BenchmarkRatio shown(String measure, double ratio, String detail) {
        return new BenchmarkRatio(measure, ratio, "-", true, detail);
    }
}
