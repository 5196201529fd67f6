package io.threebot.deployer.tfgrid.hosting;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.spi.HostingException;
import io.threebot.deployer.tfgrid.deploy.DeploymentPlan;
import io.threebot.deployer.tfgrid.deploy.NoCapacityException;
import io.threebot.deployer.tfgrid.deploy.Placement;
import io.threebot.deployer.tfgrid.deploy.PlacementPolicy;
import io.threebot.deployer.tfgrid.deploy.ThreebotGrid;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Another node for a VM a node refused for capacity, under where the user let it go: the farms of the choice in
 * order (anywhere when it names none), never a node excluded, the gateway kept; and the 3Bot's plan there. Shared by
 * a deploy's and a change's re-placement.
 */
final class Elsewhere {
    private static final Logger LOG = LoggerFactory.getLogger(Elsewhere.class);

    private final ThreebotGrid grid;
    private final LongFunction<Optional<String>> farmNames;

    /** How the refused plan is planned again once a node is found. */
    @FunctionalInterface
    interface Replan {
        DeploymentPlan on(Placement to) throws InterruptedException;
    }

    Elsewhere(ThreebotGrid grid, LongFunction<Optional<String>> farmNames) {
        this.grid = grid;
        this.farmNames = farmNames;
    }

    /**
     * The plan on the first node that fits under the choice's policies, never the refused plan's node nor one of
     * {@code excluded}; empty when none fits (or none answers).
     *
     * @throws HostingException      what {@code replan} throws for the user
     * @throws InvalidInputException what {@code replan} refuses
     */
    Optional<DeploymentPlan> plan(DeploymentPlan refused, PlacementChoice choice, Set<Long> excluded, Replan replan)
            throws InterruptedException {
        for (PlacementPolicy policy : policies(choice)) {
            try {
                Placement to = grid.placeElsewhere(refused.twinId(), refused.size(), policy, refused.placement(),
                        excluded);
                return Optional.of(replan.on(to));
            } catch (NoCapacityException e) {
                LOG.debug("no other node {} for 3Bot {}: {}", policy, refused.name(), e.getMessage());
            } catch (HostingException | InvalidInputException e) {
                throw e;
            } catch (DeployerException e) {
                LOG.info("a node for 3Bot {} did not answer: {}", refused.name(), e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** The policies a choice of farms allows, in order: anywhere when it names none. */
    private List<PlacementPolicy> policies(PlacementChoice choice) {
        if (choice.farmIds().isEmpty()) {
            return List.of(new PlacementPolicy.Automatic());
        }
        List<PlacementPolicy> policies = new ArrayList<>();
        for (long farmId : choice.farmIds()) {
            farmNames.apply(farmId).ifPresent(name -> policies.add(new PlacementPolicy.Farm(name)));
        }
        return policies;
    }
}
