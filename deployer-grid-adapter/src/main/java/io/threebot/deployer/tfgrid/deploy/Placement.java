package io.threebot.deployer.tfgrid.deploy;

import java.util.Objects;

/**
 * Where a 3Bot goes: the node its VM runs on and the gateway node, near it, that serves its name.
 *
 * @param nodeId        the VM's node
 * @param nodeTwin      that node's twin (its RMB address)
 * @param farmId        that node's farm
 * @param gatewayNodeId the gateway node
 * @param gatewayTwin   the gateway node's twin
 * @param gatewayIp     the gateway node's public IPv4 (without prefix), where WireGuard peers reach the network
 * @param domain        the gateway's domain: the 3Bot is reached at {@code name.<domain>}
 */
public record Placement(long nodeId, long nodeTwin, long farmId, long gatewayNodeId, long gatewayTwin,
        String gatewayIp, String domain) {
    /** @throws NullPointerException when a part is null */
    public Placement {
        Objects.requireNonNull(gatewayIp, "gatewayIp");
        Objects.requireNonNull(domain, "domain");
    }

    /** The 3Bot's address for a name: {@code name.<domain>}. */
    public String fqdn(String name) {
        return name + "." + domain;
    }

    /** This placement with the VM on another node (a move): the gateway stays. */
    public Placement withNode(long newNodeId, long newNodeTwin, long newFarmId) {
        return new Placement(newNodeId, newNodeTwin, newFarmId, gatewayNodeId, gatewayTwin, gatewayIp, domain);
    }
}
