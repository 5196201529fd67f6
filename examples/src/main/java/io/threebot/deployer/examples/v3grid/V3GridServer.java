package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A local TFGrid v3 in its own process: a {@link LocalV3Grid} (its tfchain over websocket JSON-RPC, the activation
 * service, the RMB relay and the simulated zos nodes) on loopback ports.
 *
 * <pre>
 * ./scripts/run-example.sh io.threebot.deployer.examples.v3grid.V3GridServer [--data-dir DIR] [--substrate-port N]
 *     [--activation-port N] [--relay-port N] [--block-ms N] [--workload-ms N] [--proxy-port N] [--graphql-port N]
 *     [--activation-tft N] [--gateway-port N]
 * </pre>
 *
 * It prints {@code substrate ws://127.0.0.1:PORT}, {@code activation http://127.0.0.1:PORT},
 * {@code relay ws://127.0.0.1:PORT}, {@code gridproxy http://127.0.0.1:PORT} ({@link LocalGridProxy}) and
 * {@code graphql http://127.0.0.1:PORT/graphql} ({@link LocalGraphql}) and {@code gateway http://127.0.0.1:PORT}
 * (the gateways' names, seen from outside: {@code GET /names/<fqdn>/} or any path with {@code Host: <fqdn>} answers
 * 200 when the name leads to a running VM, 404 when not; {@link RemoteV3Reachability} asks it), then runs until
 * stopped. With a data directory it resumes where it stopped, even after SIGKILL.
 */
public final class V3GridServer implements AutoCloseable {
    private final LocalV3Grid grid;
    private final LocalGateway gateway;

    private V3GridServer(LocalV3Grid grid, LocalGateway gateway) {
        this.grid = grid;
        this.gateway = gateway;
    }

    /**
     * Starts the chain and its servers on the given ports (0 for free ones), the relay, nodes and discovery servers
     * on free ones.
     */
    public static V3GridServer start(LocalTfchainConfig config, int substratePort, int activationPort)
            throws Exception {
        return start(LocalV3GridConfig.builder().chain(config).substratePort(substratePort)
                .activationPort(activationPort).build());
    }

    /** Starts a local grid as configured, its gateway on a free port. */
    public static V3GridServer start(LocalV3GridConfig config) throws Exception {
        return start(config, 0);
    }

    /** Starts a local grid as configured, its gateway on {@code gatewayPort} (0 for a free one). */
    public static V3GridServer start(LocalV3GridConfig config, int gatewayPort) throws Exception {
        LocalV3Grid grid = LocalV3Grid.start(config);
        try {
            return new V3GridServer(grid, LocalGateway.start(grid::resolve, gatewayPort));
        } catch (Exception | Error e) {
            grid.close();
            throw e;
        }
    }

    /** The grid it serves. */
    public LocalV3Grid grid() {
        return grid;
    }

    /** The chain. */
    public LocalTfchain chain() {
        return grid.chain();
    }

    /** The substrate websocket URL. */
    public URI substrateUrl() {
        return grid.substrateUrl();
    }

    /** The activation service's base URL. */
    public URI activationUrl() {
        return grid.activationUrl();
    }

    /** The relay's websocket URL. */
    public URI relayUrl() {
        return grid.relayUrl();
    }

    /** The gridproxy REST base URL. */
    public URI proxyUrl() {
        return grid.proxyUrl();
    }

    /** The indexer GraphQL endpoint. */
    public URI graphqlUrl() {
        return grid.graphqlUrl();
    }

    /** The gateways' base URL, where {@link RemoteV3Reachability} asks whether a name leads to a running VM. */
    public URI gatewayUrl() {
        return gateway.url();
    }

    @Override
    public void close() {
        gateway.close();
        grid.close();
    }

    /** Runs the server until the process is stopped. */
    public static void main(String[] args) throws Exception {
        LocalTfchainConfig.Builder chain = LocalTfchainConfig.builder();
        LocalV3GridConfig.Builder config = LocalV3GridConfig.builder();
        int gatewayPort = 0;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--data-dir" -> chain.dataDirectory(Path.of(value));
                case "--substrate-port" -> config.substratePort(Integer.parseInt(value));
                case "--activation-port" -> config.activationPort(Integer.parseInt(value));
                case "--relay-port" -> config.relayPort(Integer.parseInt(value));
                case "--block-ms" -> chain.blockInterval(Duration.ofMillis(Long.parseLong(value)));
                case "--activation-tft" -> chain.activationAmount(java.math.BigInteger.valueOf(
                        Long.parseLong(value)).multiply(java.math.BigInteger.valueOf(TfchainRuntime.ONE_TFT)));
                case "--workload-ms" -> config.workloadDelay(Duration.ofMillis(Long.parseLong(value)));
                case "--proxy-port" -> config.proxyPort(Integer.parseInt(value));
                case "--graphql-port" -> config.graphqlPort(Integer.parseInt(value));
                case "--gateway-port" -> gatewayPort = Integer.parseInt(value);
                default -> {
                    System.err.println("usage: V3GridServer [--data-dir DIR] [--substrate-port N]"
                            + " [--activation-port N] [--relay-port N] [--block-ms N] [--workload-ms N]"
                            + " [--proxy-port N] [--graphql-port N] [--activation-tft N] [--gateway-port N]");
                    System.exit(2);
                }
            }
            i++;
        }
        V3GridServer server = start(config.chain(chain.build()).build(), gatewayPort);
        System.out.println("substrate " + server.substrateUrl());
        System.out.println("activation " + server.activationUrl());
        System.out.println("relay " + server.relayUrl());
        System.out.println("gridproxy " + server.proxyUrl());
        System.out.println("graphql " + server.graphqlUrl());
        System.out.println("gateway " + server.gatewayUrl());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await();
    }
}
