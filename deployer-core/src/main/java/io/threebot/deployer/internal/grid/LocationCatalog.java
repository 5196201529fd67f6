package io.threebot.deployer.internal.grid;

import io.threebot.deployer.internal.grid.CapacityFinder.EligibleFarm;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.LocationPolicy;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Where a 3Bot can go, as the chat's location questions offer it, on whichever grid the deployer runs. */
public interface LocationCatalog {

    /** The farms with room for a 3Bot of this size. */
    List<EligibleFarm> farmsFor(Flavor flavor);

    /** The nodes of these farms the owner may choose for a 3Bot of this size. */
    List<NodeOption> nodesFor(Collection<Long> farmIds, Flavor flavor);

    /** The farm of a node; empty when the grid does not know it. */
    Optional<Long> farmOf(String nodeId);

    /** A node the owner may choose, on its farm. */
    record NodeOption(String nodeId, long farmId) {
    }

    /**
     * The farms among {@code farms} a location policy allows: all of them (automatic), those on the continent or with
     * the farm's name (either in any case), or the chosen node's farm (none when the grid does not know the node).
     */
    default List<EligibleFarm> allowedBy(LocationPolicy policy, List<EligibleFarm> farms) {
        if (policy instanceof LocationPolicy.InContinent continent) {
            return farms.stream().filter(f -> f.continent().equalsIgnoreCase(continent.continent())).toList();
        }
        if (policy instanceof LocationPolicy.OnFarm farm) {
            return farms.stream().filter(f -> f.name().equalsIgnoreCase(farm.farm())).toList();
        }
        if (policy instanceof LocationPolicy.OnNode node) {
            Optional<Long> farmId = farmOf(node.nodeId());
            return farms.stream().filter(f -> farmId.filter(id -> id == f.id()).isPresent()).toList();
        }
        return farms;
    }
}
