package io.threebot.deployer.examples.v3grid;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A local TFGrid v3 in its own process; so far its tfchain: a {@link LocalTfchain} served over websocket
 * JSON-RPC ({@link TfchainRpcServer}) with the activation service beside it ({@link ActivationServer}).
 *
 * <pre>
 * ./scripts/run-example.sh io.threebot.deployer.examples.v3grid.V3GridServer [--data-dir DIR] [--substrate-port N]
 *     [--activation-port N] [--block-ms N] [--proxy-port N] [--graphql-port N]
 * </pre>
 *
 * It prints {@code substrate ws://127.0.0.1:PORT} and {@code activation http://127.0.0.1:PORT}, then runs until
 * stopped. Grid discovery: {@code gridproxy http://127.0.0.1:PORT} ({@link LocalGridProxy}) and
 * {@code graphql http://127.0.0.1:PORT/graphql} ({@link LocalGraphql}). With a data directory it resumes where it
 * stopped, even after SIGKILL.
 */
public final class V3GridServer implements AutoCloseable {
    private final LocalTfchain chain;
    private final TfchainRpcServer rpc;
    private final ActivationServer activation;
    // ---- grid discovery (gridproxy REST and indexer GraphQL) ----
    private LocalGridProxy gridProxy;
    private LocalGraphql graphql;
    // ---- end of grid discovery ----

    private V3GridServer(LocalTfchain chain, TfchainRpcServer rpc, ActivationServer activation) {
        this.chain = chain;
        this.rpc = rpc;
        this.activation = activation;
    }

    // ---- grid discovery (gridproxy REST and indexer GraphQL) ----

    /**
     * Starts the gridproxy REST and GraphQL servers over this grid's chain, the nodes reporting through
     * {@code usage}; ports 0 for free ones.
     */
    public V3GridServer withDiscovery(NodeUsage usage, int proxyPort, int graphqlPort) throws java.io.IOException {
        gridProxy = LocalGridProxy.start(chain, usage, proxyPort);
        graphql = LocalGraphql.start(chain, usage, graphqlPort);
        return this;
    }

    /** The gridproxy base URL (after {@link #withDiscovery}). */
    public java.net.URI proxyUrl() {
        return gridProxy.url();
    }

    /** The GraphQL endpoint (after {@link #withDiscovery}). */
    public java.net.URI graphqlUrl() {
        return graphql.url();
    }

    private void closeDiscovery() {
        if (graphql != null) {
            graphql.close();
        }
        if (gridProxy != null) {
            gridProxy.close();
        }
    }

    // ---- end of grid discovery ----

    /** Starts the chain and its servers on the given ports (0 for free ones). */
    public static V3GridServer start(LocalTfchainConfig config, int substratePort, int activationPort)
            throws Exception {
        LocalTfchain chain = LocalTfchain.start(config);
        TfchainRpcServer rpc = TfchainRpcServer.start(chain, substratePort);
        ActivationServer activation = ActivationServer.start(chain, activationPort);
        return new V3GridServer(chain, rpc, activation);
    }

    /** The chain. */
    public LocalTfchain chain() {
        return chain;
    }

    /** The substrate websocket URL. */
    public java.net.URI substrateUrl() {
        return rpc.url();
    }

    /** The activation service's base URL. */
    public java.net.URI activationUrl() {
        return activation.url();
    }

    @Override
    public void close() {
        closeDiscovery();
        activation.close();
        rpc.close();
        chain.close();
    }

    public static void main(String[] args) throws Exception {
        LocalTfchainConfig.Builder config = LocalTfchainConfig.builder();
        int substratePort = 0;
        int activationPort = 0;
        int proxyPort = 0; // grid discovery
        int graphqlPort = 0; // grid discovery
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--data-dir" -> config.dataDirectory(Path.of(value));
                case "--substrate-port" -> substratePort = Integer.parseInt(value);
                case "--activation-port" -> activationPort = Integer.parseInt(value);
                case "--block-ms" -> config.blockInterval(Duration.ofMillis(Long.parseLong(value)));
                case "--proxy-port" -> proxyPort = Integer.parseInt(value); // grid discovery
                case "--graphql-port" -> graphqlPort = Integer.parseInt(value); // grid discovery
                default -> {
                    System.err.println("usage: V3GridServer [--data-dir DIR] [--substrate-port N]"
                            + " [--activation-port N] [--block-ms N] [--proxy-port N] [--graphql-port N]");
                    System.exit(2);
                }
            }
            i++;
        }
        V3GridServer server = start(config.build(), substratePort, activationPort);
        System.out.println("substrate " + server.substrateUrl());
        System.out.println("activation " + server.activationUrl());
        // ---- grid discovery ----
        server.withDiscovery(NodeUsage.NONE, proxyPort, graphqlPort);
        System.out.println("gridproxy " + server.proxyUrl());
        System.out.println("graphql " + server.graphqlUrl());
        // ---- end of grid discovery ----
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await();
    }
}
