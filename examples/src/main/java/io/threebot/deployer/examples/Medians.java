package io.threebot.deployer.examples;

import java.util.Arrays;

/** The median of the rounds a benchmark measured side by side. */
final class Medians {
    private Medians() {
    }

    static double of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
