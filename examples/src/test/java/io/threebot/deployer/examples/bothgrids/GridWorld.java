package io.threebot.deployer.examples.bothgrids;

import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.spi.ReachabilityProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A grid a deployer deploys on in these tests, seen from outside the deployer: how a deployer is built on it, how
 * a browser finds a 3Bot answering there, what the capacity of a size costs there, and what of a 3Bot still runs
 * there.
 */
interface GridWorld extends AutoCloseable {

    /** A deployer on this grid, its state in {@code dataDirectory}, where users pay on {@code ledger}. */
    ThreebotDeployer.Builder deployer(DeployerSettings settings, SimulatedLedger ledger, Path dataDirectory);

    /** Whether a 3Bot answers on its address, as a browser would find it on this grid. */
    ReachabilityProbe probe();

    /** The grid's clock, which its capacity is paid by: wall-clock time, or a local chain's faster one. */
    Instant now();

    /** What the grid charges for a 3Bot of this size for {@code days}, fee excluded. */
    long quote(Flavor flavor, int days);

    /**
     * What of the 3Bot {@code name} of {@code owner} (whose grid key comes from {@code password}) still runs on this
     * grid: its live workloads on the explorer grid, its twin's live contracts on TFGrid v3; empty when nothing.
     */
    List<String> liveOf(String owner, String name, String password);

    /**
     * The machines of the 3Bot that run on this grid, each as "node N: ..." naming what runs it: its container
     * workloads on the explorer grid, the VMs of its twin's node contracts on TFGrid v3; empty when none.
     */
    List<String> machinesOf(String owner, String name, String password);

    /**
     * Makes the 3Bot {@code bot} of {@code owner} last about {@code left} more: the explorer grid's clock moves on to
     * then; on TFGrid v3 its owner takes from its account all but what pays that long.
     */
    void shorten(String owner, ThreebotView bot, String password, Duration left);

    /**
     * Lets the 3Bot's capacity run out, as when nobody paid: the explorer grid's clock moves past its pool's end; on
     * TFGrid v3 its owner empties its account, and the grid pauses its contracts, then deletes them after their grace
     * period.
     */
    void runOut(String owner, ThreebotView bot, String password);

    @Override
    void close();
}
