package io.threebot.deployer.explorer;

import io.threebot.deployer.model.UnitPrices;

/**
 * The explorer's prices: USD per month for a compute unit, a storage unit and a public IPv4 unit, and the TFT price
 * in thousandths of a USD.
 */
public record Prices(double cuDollarMonth, double suDollarMonth, double ipv4uDollarMonth, long tftPriceMill) {

    /** Stroops per unit-second, as the explorer charges: price × 10^10 / TFT price / seconds in 30 days. */
    public long stroopsPerCuSecond() {
        return stroopsPerSecond(cuDollarMonth);
    }

    /** Stroops per storage-unit-second, by the same rule. */
    public long stroopsPerSuSecond() {
        return stroopsPerSecond(suDollarMonth);
    }

    /** The compute and storage prices as the deployer quotes them. */
    public UnitPrices unitPrices() {
        return new UnitPrices(stroopsPerCuSecond(), stroopsPerSuSecond());
    }

    private long stroopsPerSecond(double dollarMonth) {
        return (long) (dollarMonth * 10_000_000_000L / tftPriceMill / 2_592_000);
    }
}
