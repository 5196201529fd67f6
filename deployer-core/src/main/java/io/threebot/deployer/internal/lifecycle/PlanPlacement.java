package io.threebot.deployer.internal.lifecycle;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.internal.grid.CapacityFinder.EligibleFarm;
import io.threebot.deployer.internal.grid.HostedCatalog;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.spi.HostingPlan;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a hosted 3Bot's record says it runs, taken from the plan the hosting grid returned once it deployed or changed
 * it: a grid may place a VM a node refused on another node (and farm), and "My 3Bots" shows the record's node.
 */
final class PlanPlacement {
    private static final Logger LOG = LoggerFactory.getLogger(PlanPlacement.class);
    private final HostedCatalog catalog;

    PlanPlacement(HostedCatalog catalog) {
        this.catalog = catalog;
    }

    /** Whether the record names another node, farm or private address than the plan. */
    static boolean differs(Threebot threebot, HostingPlan plan) {
        return !threebot.nodeId().equals(plan.nodeId()) || threebot.farmId() != plan.farmId()
                || !threebot.ipAddress().equals(plan.privateIp());
    }

    /**
     * The change that makes a record name the plan's node, farm and private address at this size. The farm's name and
     * continent are looked up here, once, and only when the farm is not the one the record names; a farm the grid no
     * longer lists for the size, or a lookup that fails, leaves them empty (the node is right, its farm unnamed).
     */
    UnaryOperator<Threebot> of(Threebot threebot, Flavor flavor, HostingPlan plan) {
        boolean sameFarm = threebot.farmId() == plan.farmId();
        Optional<EligibleFarm> farm = sameFarm
                ? Optional.of(new EligibleFarm(threebot.farmId(), threebot.farmName(), threebot.continent()))
                : lookUp(threebot, flavor, plan.farmId());
        String farmName = farm.map(EligibleFarm::name).orElse("");
        String continent = farm.map(EligibleFarm::continent).orElse("");
        return t -> t.withPlacement(flavor, plan.farmId(), farmName, continent, plan.nodeId(), plan.privateIp());
    }

    private Optional<EligibleFarm> lookUp(Threebot threebot, Flavor flavor, long farmId) {
        try {
            return catalog.farmsFor(flavor).stream().filter(f -> f.id() == farmId).findFirst();
        } catch (DeployerException e) {
            LOG.warn("3Bot {} now runs on farm {}, whose name could not be read: {}", threebot.uuid(), farmId,
                    e.getMessage());
            return Optional.empty();
        }
    }
}
