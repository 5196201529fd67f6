package io.threebot.deployer.spi;

import java.util.Objects;

/**
 * Where a 3Bot goes on a {@link ThreebotHosting} and what its deploy sends, chosen once and kept (sealed) by the
 * deployer so that a resumed deploy sends the same.
 *
 * @param fqdn            the 3Bot's address, {@code name.<gateway domain>}
 * @param nodeId          the node its VM runs on
 * @param farmId          that node's farm
 * @param privateIp       its VM's address on its private network
 * @param wireGuardConfig the owner's WireGuard configuration for that network (it holds a private key)
 * @param data            the implementation's own record of the plan
 */
public record HostingPlan(String fqdn, String nodeId, long farmId, String privateIp, String wireGuardConfig,
                          String data) {
    /** @throws NullPointerException when a part is null */
    public HostingPlan {
        Objects.requireNonNull(fqdn, "fqdn");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(privateIp, "privateIp");
        Objects.requireNonNull(wireGuardConfig, "wireGuardConfig");
        Objects.requireNonNull(data, "data");
    }

    /** Without the keys it holds. */
    @Override
    public String toString() {
        return "HostingPlan[" + fqdn + " on node " + nodeId + " (farm " + farmId + ")]";
    }
}
