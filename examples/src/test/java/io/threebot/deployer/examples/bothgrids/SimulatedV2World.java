package io.threebot.deployer.examples.bothgrids;

import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.model.ContainerSpec;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.IdentityNames;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.sim.SimulatedReachability;
import io.threebot.deployer.spi.ReachabilityProbe;
import io.threebot.deployer.testing.ShiftedClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The embedded simulated explorer grid as the demo runs it ({@code ThreebotDeployer.Builder.simulation} with the
 * sample topology), with shorter deploy and boot times. The grid and its deployers share a clock that runs with the
 * system's and that a test moves ahead, to let pools run low or dry without waiting.
 */
final class SimulatedV2World implements GridWorld {
    private static final Duration BOOT = Duration.ofMillis(100);
    private final ShiftedClock clock = new ShiftedClock();
    private final SimulatedGrid grid = SimulatedGrid.withSampleTopology(clock, Duration.ofMillis(20));
    private final SimulatedReachability probe = new SimulatedReachability(grid, BOOT);

    @Override
    public ThreebotDeployer.Builder deployer(DeployerSettings settings, SimulatedLedger ledger, Path dataDirectory) {
        return ThreebotDeployer.builder().dataDirectory(dataDirectory).settings(settings).simulation(grid, BOOT)
                .userPayments(ledger).clock(clock);
    }

    @Override
    public ReachabilityProbe probe() {
        return probe;
    }

    @Override
    public Instant now() {
        return clock.instant();
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
    public List<String> machinesOf(String owner, String name, String password) {
        return grid.findUser(IdentityNames.of(owner, name)).stream()
                .flatMap(user -> grid.listWorkloads(user.id()).stream())
                .filter(w -> !w.nextAction().isGone() && w.spec() instanceof ContainerSpec)
                .map(w -> "node " + w.nodeId() + ": container workload " + w.id()).toList();
    }

    @Override
    public void shorten(String owner, ThreebotView bot, String password, Duration left) {
        clock.advance(bot.poolTimeLeft().orElseThrow().minus(left));
    }

    @Override
    public void runOut(String owner, ThreebotView bot, String password) {
        clock.advance(bot.poolTimeLeft().orElseThrow().plusHours(1));
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
