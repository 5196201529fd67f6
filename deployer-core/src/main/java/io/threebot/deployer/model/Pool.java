package io.threebot.deployer.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A capacity pool: compute and storage unit-seconds bought on one farm's nodes.
 *
 * @param cus remaining compute-unit-seconds
 * @param sus remaining storage-unit-seconds
 * @param emptyAt when the pool runs dry at the current consumption; empty while nothing consumes it
 */
public record Pool(long poolId, long customerTid, double cus, double sus, List<String> nodeIds,
                   double activeCu, double activeSu, Optional<Instant> emptyAt) {
    public Pool {
        nodeIds = List.copyOf(nodeIds);
        emptyAt = emptyAt == null ? Optional.empty() : emptyAt;
    }

    /** True when no workload consumes the pool (the grid reports an infinite empty-at). */
    public boolean idle() {
        return emptyAt.isEmpty();
    }
}
