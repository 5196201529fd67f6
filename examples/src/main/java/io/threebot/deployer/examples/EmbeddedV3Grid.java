package io.threebot.deployer.examples;

import io.threebot.deployer.examples.v3grid.LocalTfchainConfig;
import io.threebot.deployer.examples.v3grid.LocalV3Grid;
import io.threebot.deployer.examples.v3grid.LocalV3GridConfig;
import io.threebot.deployer.examples.v3grid.LocalV3Reachability;
import io.threebot.deployer.spi.ReachabilityProbe;
import io.threebot.deployer.spi.ThreebotHosting;
import io.threebot.deployer.tfgrid.deploy.ThreebotGrid;
import io.threebot.deployer.tfgrid.hosting.TfgridHosting;
import io.threebot.deployer.tfgrid.proxy.GridProxyClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A local TFGrid v3 embedded in the demo: a {@link LocalV3Grid} (its chain, relay, simulated zos nodes and
 * gridproxy on loopback ports), the v3 engine on it with the sample topology's funded operator account, the
 * {@link TfgridHosting} the deployer deploys through, and the probe that finds a 3Bot answering through its gateway.
 */
final class EmbeddedV3Grid implements AutoCloseable {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final LocalV3Grid grid;
    private final ThreebotGrid engine;
    private final TfgridHosting hosting;

    private EmbeddedV3Grid(LocalV3Grid grid, ThreebotGrid engine, TfgridHosting hosting) {
        this.grid = grid;
        this.engine = engine;
        this.hosting = hosting;
    }

    /**
     * Starts the grid, its chain state under {@code dataDirectory} when given.
     *
     * @param blockInterval how often the chain makes a block
     */
    static EmbeddedV3Grid start(Optional<Path> dataDirectory, Duration blockInterval) throws Exception {
        LocalTfchainConfig.Builder chain = LocalTfchainConfig.builder().blockInterval(blockInterval);
        dataDirectory.ifPresent(chain::dataDirectory);
        LocalV3Grid grid = LocalV3Grid.start(LocalV3GridConfig.builder().chain(chain.build())
                .workloadDelay(Duration.ofMillis(200)).build());
        try {
            GridProxyClient proxy = GridProxyClient.builder().baseUrl(grid.proxyUrl()).deadline(DEADLINE).build();
            ThreebotGrid engine = ThreebotGrid.builder().substrate(grid.substrateUrl()).relay(grid.relayUrl())
                    .gridProxy(proxy).operator(LocalV3Grid.sampleOperatorKey()).callDeadline(DEADLINE)
                    .readyDeadline(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).build();
            TfgridHosting hosting = TfgridHosting.builder().grid(engine).gridProxy(proxy).network("local")
                    .tftPriceMusd(grid.chain().config().tftPriceMusd()).build();
            return new EmbeddedV3Grid(grid, engine, hosting);
        } catch (RuntimeException e) {
            grid.close();
            throw e;
        }
    }

    /** What the deployer deploys through. */
    ThreebotHosting hosting() {
        return hosting;
    }

    /** Finds a 3Bot answering once its gateway forwards its name to its running VM. */
    ReachabilityProbe reachability() {
        return new LocalV3Reachability(grid);
    }

    /** Where the grid's services listen, for the demo's first lines. */
    String describe() {
        return "tfchain " + grid.substrateUrl() + ", relay " + grid.relayUrl() + ", gridproxy " + grid.proxyUrl();
    }

    @Override
    public void close() {
        engine.close();
        grid.close();
    }
}
