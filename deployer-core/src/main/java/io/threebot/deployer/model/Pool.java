package io.threebot.deployer.model;

import java.time.Duration;
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

    /** How long what is left would run a container of this capacity alone (its SU and CU both last that long). */
    public Duration lastsFor(Capacity capacity) {
        double cuSeconds = capacity.computeUnits() > 0 ? cus / capacity.computeUnits() : Double.MAX_VALUE;
        double suSeconds = capacity.storageUnits() > 0 ? sus / capacity.storageUnits() : Double.MAX_VALUE;
        double seconds = Math.min(cuSeconds, suSeconds);
        return seconds >= Long.MAX_VALUE / 2 ? Duration.ofDays(36_500)
                : Duration.ofSeconds((long) Math.max(0, seconds));
    }

    /** True when no workload consumes the pool (the grid reports an infinite empty-at). */
    public boolean idle() {
        return emptyAt.isEmpty();
    }
}
