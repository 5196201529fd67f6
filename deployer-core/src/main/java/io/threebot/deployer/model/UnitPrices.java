package io.threebot.deployer.model;

/**
 * What the grid charges for capacity, in stroops (10<sup>-7</sup> TFT) per unit-second.
 *
 * @param stroopsPerCuSecond one compute-unit-second
 * @param stroopsPerSuSecond one storage-unit-second
 */
public record UnitPrices(long stroopsPerCuSecond, long stroopsPerSuSecond) {
    public UnitPrices {
        if (stroopsPerCuSecond < 0 || stroopsPerSuSecond < 0) {
            throw new IllegalArgumentException("prices must not be negative");
        }
    }

    /** The price of {@code cus} compute-unit-seconds and {@code sus} storage-unit-seconds, in stroops. */
    public long cost(long cus, long sus) {
        return Math.addExact(Math.multiplyExact(cus, stroopsPerCuSecond), Math.multiplyExact(sus, stroopsPerSuSecond));
    }
}
