package io.threebot.deployer.model;

import java.util.List;

/**
 * A request to create (poolId 0) or extend a pool.
 *
 * @param cus compute-unit-seconds to buy
 * @param sus storage-unit-seconds to buy
 */
public record PoolRequest(long poolId, long cus, long sus, long ipv4us, List<String> nodeIds, List<String> currencies) {
    public PoolRequest {
        if (cus < 0 || sus < 0 || ipv4us < 0) {
            throw new IllegalArgumentException("unit-seconds must not be negative");
        }
        nodeIds = List.copyOf(nodeIds);
        currencies = List.copyOf(currencies);
    }

    public static PoolRequest create(long cus, long sus, List<String> nodeIds) {
        return new PoolRequest(0, cus, sus, 0, nodeIds, List.of("TFT"));
    }
}
