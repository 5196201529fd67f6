package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.errors.InvalidInputException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link LocalV3Grid} runs: its chain, the loopback ports of its servers (0 for free ones) and how long its
 * simulated nodes take to provision workloads. Built with {@link #builder()}.
 *
 * @param chain          the local tfchain's configuration (its data directory also keeps the nodes' deployments)
 * @param substratePort  the tfchain JSON-RPC websocket port
 * @param activationPort the activation service's HTTP port
 * @param relayPort      the RMB relay's websocket port
 * @param proxyPort      the gridproxy REST port ({@link LocalGridProxy})
 * @param graphqlPort    the indexer GraphQL port ({@link LocalGraphql})
 * @param workloadDelays how long workloads stay in {@code init}
 */
public record LocalV3GridConfig(LocalTfchainConfig chain, int substratePort, int activationPort, int relayPort,
        int proxyPort, int graphqlPort, WorkloadDelays workloadDelays) {
    /** @throws InvalidInputException when a port is out of range */
    public LocalV3GridConfig {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(workloadDelays, "workloadDelays");
        for (int port : new int[] {substratePort, activationPort, relayPort, proxyPort, graphqlPort}) {
            if (port < 0 || port > 65535) {
                throw new InvalidInputException("port", "a port is 0 to 65535, not " + port);
            }
        }
    }

    /** A builder: default chain, free ports, workloads ready after 200 ms. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link LocalV3GridConfig}. */
    public static final class Builder {
        private LocalTfchainConfig chain = LocalTfchainConfig.builder().build();
        private int substratePort;
        private int activationPort;
        private int relayPort;
        private int proxyPort;
        private int graphqlPort;
        private Duration delay = Duration.ofMillis(200);
        private final Map<String, Duration> delays = new HashMap<>();

        private Builder() {
        }

        /** The chain's configuration. */
        public Builder chain(LocalTfchainConfig config) {
            this.chain = config;
            return this;
        }

        /** The tfchain JSON-RPC port (default 0: a free one). */
        public Builder substratePort(int port) {
            this.substratePort = port;
            return this;
        }

        /** The activation service's port (default 0: a free one). */
        public Builder activationPort(int port) {
            this.activationPort = port;
            return this;
        }

        /** The relay's port (default 0: a free one). */
        public Builder relayPort(int port) {
            this.relayPort = port;
            return this;
        }

        /** The gridproxy REST port (default 0: a free one). */
        public Builder proxyPort(int port) {
            this.proxyPort = port;
            return this;
        }

        /** The GraphQL port (default 0: a free one). */
        public Builder graphqlPort(int port) {
            this.graphqlPort = port;
            return this;
        }

        /** How long any workload stays in {@code init} (default 200 ms). */
        public Builder workloadDelay(Duration delayForAll) {
            this.delay = delayForAll;
            return this;
        }

        /** How long workloads of one type stay in {@code init}. */
        public Builder workloadDelay(String type, Duration delayForType) {
            this.delays.put(type, delayForType);
            return this;
        }

        /**
         * The configuration.
         *
         * @throws InvalidInputException when a value is out of range
         */
        public LocalV3GridConfig build() {
            return new LocalV3GridConfig(chain, substratePort, activationPort, relayPort, proxyPort,
                    graphqlPort, new WorkloadDelays(delay, delays));
        }
    }
}
