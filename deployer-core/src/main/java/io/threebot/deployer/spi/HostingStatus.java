package io.threebot.deployer.spi;

import java.util.Objects;

/**
 * A hosted 3Bot's state on its grid.
 *
 * @param detail what the grid says, for the owner (contract and workload states)
 */
public record HostingStatus(State state, String detail) {
    /** The states a hosted 3Bot's capacity can be in. */
    public enum State {
        /** Every contract is live and every workload is up. */
        RUNNING,
        /** Some steps are not deployed or not up yet. */
        INCOMPLETE,
        /** Its account could not pay: the grid stops its workloads until it is topped up. */
        GRACE_PERIOD,
        /** The grid removed its contracts after the grace period, for lack of funds. */
        DELETED_OUT_OF_FUNDS,
        /** Its contracts are gone (cancelled). */
        GONE
    }

    /** @throws NullPointerException when a part is null */
    public HostingStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
    }
}
