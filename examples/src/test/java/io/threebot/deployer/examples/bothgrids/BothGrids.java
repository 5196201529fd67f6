package io.threebot.deployer.examples.bothgrids;

import io.threebot.deployer.OwnerDeployer;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.testing.ChatDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two grids the both-grids tests run on, started once per test class: the embedded simulated explorer grid and a
 * local TFGrid v3, with the deployers, ledgers, names and chat answers those tests share.
 */
final class BothGrids implements AutoCloseable {
    /** The recovery password of every 3Bot these tests deploy. */
    static final String PASSWORD = "correct horse battery";

    /** The grids under test. */
    enum Grid { EXPLORER_V2, TFGRID_V3 }

    private final DeployerSettings settings;
    private final AtomicInteger names = new AtomicInteger();
    private final SimulatedV2World v2;
    private final LocalV3World v3;

    private BothGrids(DeployerSettings settings, SimulatedV2World v2, LocalV3World v3) {
        this.settings = settings;
        this.v2 = v2;
        this.v3 = v3;
    }

    /**
     * Starts both grids; on v3 a node's answer is waited for 15 s and a contract that ran out stays in its grace
     * period {@code gracePeriodBlocks} blocks (of 50 ms).
     */
    static BothGrids start(DeployerSettings settings, long gracePeriodBlocks) throws Exception {
        return new BothGrids(settings, new SimulatedV2World(),
                LocalV3World.start(settings.keyDerivation(), Duration.ofSeconds(15), gracePeriodBlocks));
    }

    /** The deployers' settings. */
    DeployerSettings settings() {
        return settings;
    }

    /** The grid as the tests see it from outside the deployer. */
    GridWorld world(Grid grid) {
        return grid == Grid.EXPLORER_V2 ? v2 : v3;
    }

    /** The local TFGrid v3, for what only it shows (its chain's balances and contracts). */
    LocalV3World v3() {
        return v3;
    }

    /** A deployer on the grid, not built yet, keeping its state in a new directory under {@code under}. */
    ThreebotDeployer.Builder builder(Grid grid, SimulatedLedger ledger, Path under) throws Exception {
        Path data = Files.createDirectories(under.resolve(grid.name() + "-" + names.incrementAndGet()));
        return world(grid).deployer(settings, ledger, data);
    }

    /** A started deployer on the grid, users paying on {@code ledger}, its state in a new directory under {@code under}. */
    ThreebotDeployer deployer(Grid grid, SimulatedLedger ledger, Path under) throws Exception {
        return builder(grid, ledger, under).build().start();
    }

    /** A ledger on which the user pays every request at once. */
    static SimulatedLedger payingLedger() {
        return new SimulatedLedger(Clock.systemUTC()).payRequestsAfter(Duration.ZERO);
    }

    /** A name no other 3Bot of these grids has. */
    String newName(String prefix) {
        return prefix + names.incrementAndGet();
    }

    /** The deploy chat's answers for a 3Bot {@code name} with {@link #PASSWORD} for {@code days}, and {@code more}. */
    static Map<String, String> answers(String name, int days, Map<String, String> more) {
        Map<String, String> all = new HashMap<>(more);
        all.put("name", name);
        all.put("password", PASSWORD);
        all.put("days", String.valueOf(days));
        return all;
    }

    /** Deploys {@code name} for {@code owner} through the deploy chat and returns its last message. */
    static ChatMessage deploy(ThreebotDeployer deployer, String owner, String name, int days,
                              Map<String, String> more) {
        return ChatDriver.start(deployer, owner).runToEnd(answers(name, days, more));
    }

    /** The owner's 3Bot of that name, as listed now. */
    static ThreebotView listed(OwnerDeployer owner, String name) {
        return owner.threebots().stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("3Bot " + name + " is not listed"));
    }

    @Override
    public void close() {
        v3.close();
        v2.close();
    }
}
