package io.threebot.deployer.spi;

import io.threebot.deployer.model.Flavor;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a 3Bot's deploy on a {@link ThreebotHosting} is asked for.
 *
 * @param name        the 3Bot's name, which its address begins with
 * @param flavor      its size
 * @param farmIds     the farms the owner's location policy allows (the first fitting one, in the order given)
 * @param nodeId      the node the owner chose, when they chose one
 * @param environment the 3Bot's environment, its container secret included; the implementation adds {@code DOMAIN},
 *                    the 3Bot's address, once it chose the gateway
 */
public record HostingOrder(String name, Flavor flavor, List<Long> farmIds, Optional<String> nodeId,
                           Map<String, String> environment) {
    /** @throws NullPointerException when a part is null */
    public HostingOrder {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(flavor, "flavor");
        farmIds = List.copyOf(farmIds);
        Objects.requireNonNull(nodeId, "nodeId");
        environment = Map.copyOf(environment);
    }

    @Override
    public String toString() {
        return "HostingOrder[" + name + ", " + flavor + ", farms " + farmIds + ", node " + nodeId.orElse("any") + "]";
    }
}
