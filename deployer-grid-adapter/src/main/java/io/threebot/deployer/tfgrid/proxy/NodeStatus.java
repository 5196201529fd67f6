package io.threebot.deployer.tfgrid.proxy;

/**
 * A node's status as the gridproxy reports it: {@code up} (reported in the last hours), {@code down}, or
 * {@code standby} (powered off by the farmerbot, woken on demand). A status this client does not know reads as
 * {@link #UNKNOWN}, which no filter takes.
 */
public enum NodeStatus {
    /** {@code up}. */
    UP("up"),
    /** {@code down}. */
    DOWN("down"),
    /** {@code standby}: powered off by the farmerbot. */
    STANDBY("standby"),
    /** A status newer than this client; never sent. */
    UNKNOWN("");

    private final String wire;

    NodeStatus(String wire) {
        this.wire = wire;
    }

    /** The gridproxy's spelling ({@code up}, {@code down}, {@code standby}); empty for {@link #UNKNOWN}. */
    public String wireName() {
        return wire;
    }

    static NodeStatus fromWire(String text) {
        for (NodeStatus status : values()) {
            if (status != UNKNOWN && status.wire.equals(text)) {
                return status;
            }
        }
        return UNKNOWN;
    }
}
