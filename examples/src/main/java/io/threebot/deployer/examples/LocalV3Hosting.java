package io.threebot.deployer.examples;

import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.examples.v3grid.LocalTfchainConfig;
import io.threebot.deployer.examples.v3grid.LocalV3Grid;
import io.threebot.deployer.examples.v3grid.LocalV3GridConfig;
import io.threebot.deployer.examples.v3grid.LocalV3Reachability;
import io.threebot.deployer.examples.v3grid.RemoteV3Reachability;
import io.threebot.deployer.spi.ReachabilityProbe;
import io.threebot.deployer.spi.ThreebotHosting;
import io.threebot.deployer.tfgrid.OperatorKey;
import io.threebot.deployer.tfgrid.TfgridSettings;
import io.threebot.deployer.tfgrid.deploy.ThreebotGrid;
import io.threebot.deployer.tfgrid.hosting.TfgridHosting;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.proxy.GridProxyClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A local TFGrid v3 for the demo and the example host, as {@code --tfgrid} names it: a {@link LocalV3Grid} embedded
 * in the process (its chain, relay, simulated zos nodes and gridproxy on loopback ports) or a {@code V3GridServer}
 * of one's own in another process; the v3 engine on it with the operator's key, the {@link TfgridHosting} the
 * deployer deploys through, and the probe that finds a 3Bot answering through its gateway.
 */
public final class LocalV3Hosting implements AutoCloseable {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final Optional<LocalV3Grid> embedded;
    private final ThreebotGrid engine;
    private final TfgridHosting hosting;
    private final ReachabilityProbe reachability;
    private final String description;

    private LocalV3Hosting(Optional<LocalV3Grid> embedded, ThreebotGrid engine, TfgridHosting hosting,
                           ReachabilityProbe reachability, String description) {
        this.embedded = embedded;
        this.engine = engine;
        this.hosting = hosting;
        this.reachability = reachability;
        this.description = description;
    }

    /**
     * The grid {@code --tfgrid} names: an embedded one (its chain state under {@code dataDirectory} when given), or
     * a server of one's own, paid from by the operator key in {@code THREEBOT_TFGRID_MNEMONIC(_FILE)} of
     * {@code environment}, else by the sample topology's funded account.
     *
     * @throws InvalidInputException when the operator key in the environment is unusable
     */
    public static LocalV3Hosting open(TfgridOption option, Optional<Path> dataDirectory,
                                      Map<String, String> environment) throws Exception {
        if (option instanceof TfgridOption.Server server) {
            return connect(server, operatorKey(environment));
        }
        return embedded(dataDirectory, Duration.ofMillis(300));
    }

    /**
     * Starts an embedded grid, its chain state under {@code dataDirectory} when given, the sample topology's funded
     * account as its operator.
     *
     * @param blockInterval how often the chain makes a block
     */
    public static LocalV3Hosting embedded(Optional<Path> dataDirectory, Duration blockInterval) throws Exception {
        return embedded(dataDirectory, blockInterval, 1);
    }

    /**
     * Like {@link #embedded(Optional, Duration)}, each node with {@code nodeCapacityScale} times the sample
     * topology's cores, memory and disks.
     */
    public static LocalV3Hosting embedded(Optional<Path> dataDirectory, Duration blockInterval, int nodeCapacityScale)
            throws Exception {
        LocalTfchainConfig.Builder chain = LocalTfchainConfig.builder().blockInterval(blockInterval)
                .nodeCapacityScale(nodeCapacityScale);
        dataDirectory.ifPresent(chain::dataDirectory);
        LocalV3Grid grid = LocalV3Grid.start(LocalV3GridConfig.builder().chain(chain.build())
                .workloadDelay(Duration.ofMillis(200)).build());
        try {
            return on(Optional.of(grid), grid.substrateUrl(), grid.relayUrl(), grid.proxyUrl(),
                    LocalV3Grid.sampleOperatorKey(), new LocalV3Reachability(grid), "a local TFGrid v3 in this "
                            + "process: tfchain " + grid.substrateUrl() + ", relay " + grid.relayUrl() + ", gridproxy "
                            + grid.proxyUrl());
        } catch (RuntimeException e) {
            grid.close();
            throw e;
        }
    }

    /** Connects to a {@code V3GridServer} in another process, paying from {@code operator}'s account. */
    public static LocalV3Hosting connect(TfgridOption.Server server, Ed25519KeyPair operator) {
        return on(Optional.empty(), server.substrate(), server.relay(), server.gridproxy(), operator,
                new RemoteV3Reachability(server.gateway()), "the TFGrid v3 server at tfchain " + server.substrate()
                        + ", relay " + server.relay() + ", gridproxy " + server.gridproxy() + ", gateway "
                        + server.gateway());
    }

    private static LocalV3Hosting on(Optional<LocalV3Grid> embedded, URI substrate, URI relay, URI proxyUrl,
                                     Ed25519KeyPair operator, ReachabilityProbe reachability, String description) {
        GridProxyClient proxy = GridProxyClient.builder().baseUrl(proxyUrl).deadline(DEADLINE).build();
        ThreebotGrid engine = ThreebotGrid.builder().substrate(substrate).relay(relay).gridProxy(proxy)
                .operator(operator).callDeadline(DEADLINE).readyDeadline(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200)).build();
        try {
            // the local chain has no TFT price module: quotes take the price it bills at
            TfgridHosting hosting = TfgridHosting.builder().grid(engine).gridProxy(proxy).network("local")
                    .tftPriceMusd(embedded.map(g -> g.chain().config().tftPriceMusd())
                            .orElseGet(() -> LocalTfchainConfig.builder().build().tftPriceMusd())).build();
            return new LocalV3Hosting(embedded, engine, hosting, reachability, description);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /**
     * The operator's key in {@code THREEBOT_TFGRID_MNEMONIC} or {@code THREEBOT_TFGRID_MNEMONIC_FILE}, else the
     * sample topology's funded account.
     *
     * @throws InvalidInputException when both are set, or the one set holds no usable key
     */
    static Ed25519KeyPair operatorKey(Map<String, String> environment) {
        String file = environment.getOrDefault(TfgridSettings.MNEMONIC_FILE_VARIABLE, "");
        String phrase = environment.getOrDefault(TfgridSettings.MNEMONIC_VARIABLE, "");
        if (!file.isBlank() && !phrase.isBlank()) {
            throw new InvalidInputException(TfgridSettings.MNEMONIC_VARIABLE, "Set "
                    + TfgridSettings.MNEMONIC_VARIABLE + " or " + TfgridSettings.MNEMONIC_FILE_VARIABLE
                    + ", not both.");
        }
        if (!file.isBlank()) {
            return OperatorKey.fromFile(Path.of(file)).keyPair();
        }
        if (!phrase.isBlank()) {
            return OperatorKey.fromEnvironment(environment, TfgridSettings.MNEMONIC_VARIABLE).keyPair();
        }
        return LocalV3Grid.sampleOperatorKey();
    }

    /** What the deployer deploys through. */
    public ThreebotHosting hosting() {
        return hosting;
    }

    /** Finds a 3Bot answering once its gateway forwards its name to its running VM. */
    public ReachabilityProbe reachability() {
        return reachability;
    }

    /** Which grid this is and where its services listen, for a program's first lines. */
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        engine.close();
        embedded.ifPresent(LocalV3Grid::close);
    }
}
