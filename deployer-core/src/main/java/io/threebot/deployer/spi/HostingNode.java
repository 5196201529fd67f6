package io.threebot.deployer.spi;

import java.util.Objects;

/**
 * A node a {@link ThreebotHosting} can place a 3Bot on, for the chat's specific-node choice.
 *
 * @param nodeId the node's id as the user types it
 */
public record HostingNode(String nodeId, long farmId, String country) {
    /** @throws NullPointerException when a part is null */
    public HostingNode {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(country, "country");
    }
}
