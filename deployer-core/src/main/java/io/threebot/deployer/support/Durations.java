package io.threebot.deployer.support;

import java.time.Duration;

/** Checks of configured durations, shared by every settings record. */
public final class Durations {
    private Durations() {
    }

    /**
     * @throws IllegalArgumentException naming the setting when the duration is missing, zero or negative
     */
    public static Duration requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
        return value;
    }
}
