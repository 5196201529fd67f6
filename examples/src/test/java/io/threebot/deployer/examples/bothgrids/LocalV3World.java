package io.threebot.deployer.examples.bothgrids;

import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.crypto.KeyDerivation;
import io.threebot.deployer.examples.v3grid.Contract;
import io.threebot.deployer.examples.v3grid.LocalTfchainConfig;
import io.threebot.deployer.examples.v3grid.LocalV3Grid;
import io.threebot.deployer.examples.v3grid.LocalV3GridConfig;
import io.threebot.deployer.examples.v3grid.LocalV3Reachability;
import io.threebot.deployer.examples.v3grid.Twin;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.IdentityNames;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.spi.ReachabilityProbe;
import io.threebot.deployer.tfgrid.chain.TfchainClient;
import io.threebot.deployer.tfgrid.deploy.ThreebotGrid;
import io.threebot.deployer.tfgrid.hosting.TfgridHosting;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.proxy.GridProxyClient;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import io.threebot.deployer.tfgrid.zos.ZMachine;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link LocalV3Grid} with fast blocks, the v3 engine on it and the {@link TfgridHosting} a deployer deploys
 * through, wired as the demo wires it ({@code EmbeddedV3Grid}), with the engine's deadlines of the test's choice.
 */
final class LocalV3World implements GridWorld {
    private final LocalV3Grid grid;
    private final GridProxyClient proxy;
    private final KeyDerivation keys;
    private final Duration callDeadline;
    private final List<ThreebotGrid> engines = new ArrayList<>();
    private final TfgridHosting hosting;

    private LocalV3World(LocalV3Grid grid, KeyDerivation keys, Duration callDeadline) {
        this.grid = grid;
        this.keys = keys;
        this.callDeadline = callDeadline;
        this.proxy = GridProxyClient.builder().baseUrl(grid.proxyUrl()).deadline(Duration.ofSeconds(10)).build();
        this.hosting = hostingPaidBy(LocalV3Grid.sampleOperatorKey());
    }

    /**
     * Starts a grid that makes a block every 50 ms and keeps a contract that ran out {@code gracePeriodBlocks} blocks
     * in its grace period.
     *
     * @param keys         how the deployer under test derives a 3Bot's key from its password (to find its twin)
     * @param callDeadline how long the engine waits for a node's answer
     */
    static LocalV3World start(KeyDerivation keys, Duration callDeadline, long gracePeriodBlocks) throws Exception {
        LocalV3Grid grid = LocalV3Grid.start(LocalV3GridConfig.builder().chain(LocalTfchainConfig.builder()
                .blockInterval(Duration.ofMillis(50)).gracePeriod(gracePeriodBlocks).build())
                .workloadDelay(Duration.ofMillis(20)).build());
        try {
            return new LocalV3World(grid, keys, callDeadline);
        } catch (RuntimeException e) {
            grid.close();
            throw e;
        }
    }

    /** A hosting on this grid whose operator account is {@code operator}'s. */
    TfgridHosting hostingPaidBy(Ed25519KeyPair operator) {
        ThreebotGrid engine = ThreebotGrid.builder().substrate(grid.substrateUrl()).relay(grid.relayUrl())
                .gridProxy(proxy).operator(operator).callDeadline(callDeadline).readyDeadline(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(25)).build();
        synchronized (engines) {
            engines.add(engine);
        }
        return TfgridHosting.builder().grid(engine).gridProxy(proxy).network("local")
                .tftPriceMusd(grid.chain().config().tftPriceMusd()).build();
    }

    LocalV3Grid grid() {
        return grid;
    }

    TfgridHosting hosting() {
        return hosting;
    }

    /** The sample operator's free balance on the chain. */
    BigInteger operatorBalance() {
        return grid.chain().balance(LocalV3Grid.sampleOperatorKey().address()).free();
    }

    /** The seed of the 3Bot's own account. */
    byte[] seedOf(String owner, String name, String password) {
        return keys.seed(IdentityNames.of(owner, name), password);
    }

    /** The address of the 3Bot's own account. */
    String accountOf(String owner, String name, String password) {
        return ThreebotGrid.address(seedOf(owner, name, password));
    }

    /** The 3Bot's account's free balance on the chain. */
    BigInteger balanceOf(String owner, String name, String password) {
        return grid.chain().balance(accountOf(owner, name, password)).free();
    }

    /** The twin of the 3Bot's account, once it has one. */
    Optional<Twin> twinOf(String owner, String name, String password) {
        return grid.chain().twinOf(accountOf(owner, name, password));
    }

    /** The live contracts of the 3Bot's twin. */
    List<Contract> contractsOf(String owner, String name, String password) {
        return twinOf(owner, name, password).map(twin -> grid.chain().snapshot().contracts().values().stream()
                .filter(c -> c.twinId() == twin.id()).sorted(java.util.Comparator.comparingLong(Contract::id))
                .toList()).orElse(List.of());
    }

    /** The id of the node with this serial number (the sample topology's {@code NODE-VIENNA-1}, say). */
    long nodeId(String serial) {
        return grid.chain().nodes().stream().filter(n -> n.serialNumber().equalsIgnoreCase(serial)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + serial)).id();
    }

    /**
     * Takes the 3Bot's funds away, as its owner could: sends all but {@code keep} of its account's spendable balance
     * to the operator, signed with the 3Bot's key.
     */
    void drain(String owner, String name, String password, BigInteger keep) {
        Ed25519KeyPair key = Ed25519KeyPair.fromSeed(seedOf(owner, name, password));
        try (TfchainClient own = TfchainClient.builder(grid.substrateUrl().toString()).signer(key).connect()) {
            for (int attempt = 1; ; attempt++) {
                try {
                    own.submit(own.calls().transfer(LocalV3Grid.sampleOperatorKey().address(),
                            own.account(key.address()).spendable().subtract(keep)), TfchainClient.Inclusion.IN_BLOCK);
                    return;
                } catch (io.threebot.deployer.tfgrid.chain.NotEnoughFundsException billedMeanwhile) {
                    // a bill of the account's contracts came between the balance read and the transfer's block
                    if (attempt == 5) {
                        throw billedMeanwhile;
                    }
                }
            }
        }
    }

    @Override
    public ThreebotDeployer.Builder deployer(DeployerSettings settings, SimulatedLedger ledger, Path dataDirectory) {
        return deployerOn(hosting, settings, ledger, dataDirectory);
    }

    /** A deployer that deploys through {@code other} (a hosting of another operator on this grid, say). */
    ThreebotDeployer.Builder deployerOn(TfgridHosting other, DeployerSettings settings, SimulatedLedger ledger,
            Path dataDirectory) {
        return ThreebotDeployer.builder().dataDirectory(dataDirectory).settings(settings).hosting(other)
                .userPayments(ledger).reachability(probe());
    }

    @Override
    public ReachabilityProbe probe() {
        return new LocalV3Reachability(grid);
    }

    @Override
    public Instant now() {
        return Instant.ofEpochMilli(grid.chain().head().timestamp());
    }

    @Override
    public long quote(Flavor flavor, int days) {
        return hosting.quote(flavor, Duration.ofDays(days));
    }

    @Override
    public List<String> liveOf(String owner, String name, String password) {
        return contractsOf(owner, name, password).stream()
                .map(c -> c.type() + " contract " + c.id() + " (" + c.state() + ")").toList();
    }

    @Override
    public List<String> machinesOf(String owner, String name, String password) {
        List<String> machines = new ArrayList<>();
        for (Contract contract : contractsOf(owner, name, password)) {
            grid.node(contract.nodeId()).flatMap(node -> node.deployment(contract.id()))
                    .ifPresent(d -> d.deployment().workloads().stream().filter(w -> w.data() instanceof ZMachine)
                            .forEach(w -> machines.add("node " + contract.nodeId() + ": VM " + w.name()
                                    + " of contract " + contract.id())));
        }
        return machines;
    }

    @Override
    public void shorten(String owner, ThreebotView bot, String password, Duration left) {
        drain(owner, bot.name(), password, BigInteger.valueOf(hosting.quote(bot.flavor(), left)));
    }

    @Override
    public void runOut(String owner, ThreebotView bot, String password) {
        drain(owner, bot.name(), password, BigInteger.valueOf(TfchainRuntime.ONE_TFT / 4));
    }

    @Override
    public String toString() {
        return "local TFGrid v3";
    }

    @Override
    public void close() {
        synchronized (engines) {
            engines.forEach(ThreebotGrid::close);
        }
        grid.close();
    }
}
