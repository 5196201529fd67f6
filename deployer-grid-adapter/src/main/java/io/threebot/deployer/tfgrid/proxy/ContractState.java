package io.threebot.deployer.tfgrid.proxy;

/**
 * A contract's state as the gridproxy reports it: {@code Created}, {@code GracePeriod} (its twin ran out of funds;
 * the workloads are paused until it is funded again) or {@code Deleted}. A state this client does not know reads as
 * {@link #UNKNOWN}, which no filter takes.
 */
public enum ContractState {
    /** {@code Created}: live and billed. */
    CREATED("Created"),
    /** {@code GracePeriod}: out of funds, workloads paused. */
    GRACE_PERIOD("GracePeriod"),
    /** {@code Deleted}. */
    DELETED("Deleted"),
    /** A state newer than this client; never sent. */
    UNKNOWN("");

    private final String wire;

    ContractState(String wire) {
        this.wire = wire;
    }

    /** The gridproxy's spelling; empty for {@link #UNKNOWN}. */
    public String wireName() {
        return wire;
    }

    static ContractState fromWire(String text) {
        for (ContractState state : values()) {
            if (state != UNKNOWN && state.wire.equals(text)) {
                return state;
            }
        }
        return UNKNOWN;
    }
}
