package io.threebot.deployer.examples.v3grid;

import java.util.Objects;
import java.util.Optional;

/**
 * A node ({@code tfchain_support::types::Node}).
 *
 * @param id           the node id
 * @param farmId       its farm
 * @param twinId       the node's own twin, which it is reached at over RMB
 * @param resources    its total capacity
 * @param location     where it is
 * @param publicConfig its public configuration; gateways have one with a domain
 * @param created      the chain time it was registered at, seconds
 * @param serialNumber its serial number
 */
public record Node(long id, long farmId, long twinId, Resources resources, NodeLocation location,
        Optional<NodePublicConfig> publicConfig, long created, String serialNumber) {
    /** @throws NullPointerException when a part is null */
    public Node {
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(publicConfig, "publicConfig");
        Objects.requireNonNull(serialNumber, "serialNumber");
    }

    /** Whether the node is a gateway (its public configuration has a domain). */
    public boolean isGateway() {
        return publicConfig.flatMap(NodePublicConfig::domain).isPresent();
    }
}
