package io.threebot.deployer.examples.bothgrids;

import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.IdentityNames;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.sim.SimulatedReachability;
import io.threebot.deployer.spi.ReachabilityProbe;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The embedded simulated explorer grid as the demo runs it ({@code ThreebotDeployer.Builder.simulation} with the
 * sample topology), with shorter deploy and boot times.
 */
final class SimulatedV2World implements GridWorld {
    private static final Duration BOOT = Duration.ofMillis(100);
    private final SimulatedGrid grid = SimulatedGrid.withSampleTopology(Clock.systemUTC(), Duration.ofMillis(20));
    private final SimulatedReachability probe = new SimulatedReachability(grid, BOOT);

    @Override
    public ThreebotDeployer.Builder deployer(DeployerSettings settings, SimulatedLedger ledger, Path dataDirectory) {
        return ThreebotDeployer.builder().dataDirectory(dataDirectory).settings(settings).simulation(grid, BOOT)
                .userPayments(ledger);
    }

    @Override
    public ReachabilityProbe probe() {
        return probe;
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public long quote(Flavor flavor, int days) {
        Duration period = Duration.ofDays(days);
        return grid.unitPrices().cost(flavor.capacity().computeUnitSeconds(period),
                flavor.capacity().storageUnitSeconds(period));
    }

    @Override
    public List<String> liveOf(String owner, String name, String password) {
        return grid.findUser(IdentityNames.of(owner, name)).stream()
                .flatMap(user -> grid.listWorkloads(user.id()).stream())
                .filter(w -> !w.nextAction().isGone())
                .map(w -> w.type() + " workload " + w.id() + " (" + w.nextAction() + ")").toList();
    }

    @Override
    public String toString() {
        return "simulated explorer grid";
    }

    @Override
    public void close() {
        // nothing runs outside the deployer
    }
}
