package io.threebot.deployer.internal.grid;

import io.threebot.deployer.internal.grid.CapacityFinder.EligibleFarm;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.spi.HostingNode;
import io.threebot.deployer.spi.ThreebotHosting;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The locations a {@link ThreebotHosting} offers, for the chat's location questions. */
public final class HostedCatalog implements LocationCatalog {
    private final ThreebotHosting hosting;

    public HostedCatalog(ThreebotHosting hosting) {
        this.hosting = hosting;
    }

    @Override
    public List<EligibleFarm> farmsFor(Flavor flavor) {
        return hosting.farms(flavor).stream().map(f -> new EligibleFarm(f.id(), f.name(), f.continent())).toList();
    }

    @Override
    public List<NodeOption> nodesFor(Collection<Long> farmIds, Flavor flavor) {
        return hosting.nodes(farmIds, flavor).stream().map(n -> new NodeOption(n.nodeId(), n.farmId())).toList();
    }

    @Override
    public Optional<Long> farmOf(String nodeId) {
        List<Long> farms = hosting.farms(Flavor.SILVER).stream().map(f -> f.id()).toList();
        return hosting.nodes(farms, Flavor.SILVER).stream().filter(n -> n.nodeId().equals(nodeId))
                .map(HostingNode::farmId).findFirst();
    }
}
