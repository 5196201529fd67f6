package io.threebot.deployer.examples.v3grid;

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
 *     [--activation-port N] [--relay-port N] [--block-ms N] [--workload-ms N]
 * </pre>
 *
 * It prints {@code substrate ws://127.0.0.1:PORT}, {@code activation http://127.0.0.1:PORT} and
 * {@code relay ws://127.0.0.1:PORT}, then runs until stopped. With a data directory it resumes where it stopped,
 * even after SIGKILL.
 */
public final class V3GridServer implements AutoCloseable {
    private final LocalV3Grid grid;

    private V3GridServer(LocalV3Grid grid) {
        this.grid = grid;
    }

    /** Starts the chain and its servers on the given ports (0 for free ones), the relay and nodes on free ones. */
    public static V3GridServer start(LocalTfchainConfig config, int substratePort, int activationPort)
            throws Exception {
        return start(LocalV3GridConfig.builder().chain(config).substratePort(substratePort)
                .activationPort(activationPort).build());
    }

    /** Starts a local grid as configured. */
    public static V3GridServer start(LocalV3GridConfig config) throws Exception {
        return new V3GridServer(LocalV3Grid.start(config));
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

    @Override
    public void close() {
        grid.close();
    }

    /** Runs the server until the process is stopped. */
    public static void main(String[] args) throws Exception {
        LocalTfchainConfig.Builder chain = LocalTfchainConfig.builder();
        LocalV3GridConfig.Builder config = LocalV3GridConfig.builder();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--data-dir" -> chain.dataDirectory(Path.of(value));
                case "--substrate-port" -> config.substratePort(Integer.parseInt(value));
                case "--activation-port" -> config.activationPort(Integer.parseInt(value));
                case "--relay-port" -> config.relayPort(Integer.parseInt(value));
                case "--block-ms" -> chain.blockInterval(Duration.ofMillis(Long.parseLong(value)));
                case "--workload-ms" -> config.workloadDelay(Duration.ofMillis(Long.parseLong(value)));
                default -> {
                    System.err.println("usage: V3GridServer [--data-dir DIR] [--substrate-port N]"
                            + " [--activation-port N] [--relay-port N] [--block-ms N] [--workload-ms N]");
                    System.exit(2);
                }
            }
            i++;
        }
        V3GridServer server = start(config.chain(chain.build()).build());
        System.out.println("substrate " + server.substrateUrl());
        System.out.println("activation " + server.activationUrl());
        System.out.println("relay " + server.relayUrl());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await();
    }
}
