package io.threebot.deployer.sim;

import io.threebot.deployer.model.Pool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The simulated grid's book-keeping of one pool. Not thread-safe: the grid guards it. */
final class PoolAccount {
    final long poolId;
    final long customerTid;
    final List<String> nodeIds;
    double cus;
    double sus;
    double activeCu;
    double activeSu;
    Instant lastUpdated;

    PoolAccount(long poolId, long customerTid, List<String> nodeIds, Instant now) {
        this.poolId = poolId;
        this.customerTid = customerTid;
        this.nodeIds = new ArrayList<>(nodeIds);
        this.lastUpdated = now;
    }

    /** Consumes what the active workloads used since the last sync. Returns true when the pool ran dry. */
    boolean sync(Instant now) {
        double seconds = Math.max(0, (now.toEpochMilli() - lastUpdated.toEpochMilli()) / 1000.0);
        cus = Math.max(0, cus - activeCu * seconds);
        sus = Math.max(0, sus - activeSu * seconds);
        lastUpdated = now;
        return (activeCu > 0 && cus <= 0) || (activeSu > 0 && sus <= 0);
    }

    /** Seconds the pool lasts at the given consumption, or infinity when nothing is consumed. */
    double secondsLeft(double cu, double su) {
        double left = Double.POSITIVE_INFINITY;
        if (cu > 0) {
            left = Math.min(left, cus / cu);
        }
        if (su > 0) {
            left = Math.min(left, sus / su);
        }
        return left;
    }

    Pool snapshot() {
        double left = secondsLeft(activeCu, activeSu);
        Optional<Instant> emptyAt = Double.isInfinite(left) ? Optional.empty()
                : Optional.of(lastUpdated.plusMillis((long) (left * 1000)));
        return new Pool(poolId, customerTid, cus, sus, nodeIds, activeCu, activeSu, emptyAt);
    }
}
