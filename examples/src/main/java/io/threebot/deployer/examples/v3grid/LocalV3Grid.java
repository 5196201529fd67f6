package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.zos.GatewayNameProxy;
import io.threebot.deployer.tfgrid.zos.Workload;
import io.threebot.deployer.tfgrid.zos.WorkloadResult;
import io.threebot.deployer.tfgrid.zos.ZMachine;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local TFGrid v3 in this process, started and stopped as one: a {@link LocalTfchain} served over JSON-RPC
 * ({@link TfchainRpcServer}), its activation service ({@link ActivationServer}), an RMB relay ({@link RmbRelay}),
 * one {@link SimulatedZosNode} per node of the chain, each logged in to the relay with its twin, and the grid's
 * discovery: gridproxy REST ({@link LocalGridProxy}) and the indexer's GraphQL ({@link LocalGraphql}) over the chain,
 * with what the simulated nodes report (used capacity, up or down) as their {@link NodeUsage}. With a data
 * directory the chain and the nodes' deployments survive a restart.
 *
 * <p>Tests script faults per node through {@link #node(long)} and follow a gateway name to the machine it reaches
 * with {@link #resolve(String)}.
 */
public final class LocalV3Grid implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalV3Grid.class);

    /**
     * A zmachine a gateway name reaches.
     *
     * @param nodeId     the machine's node
     * @param contractId its deployment's contract
     * @param workload   the zmachine workload's name
     * @param ip         the address the gateway forwards to
     */
    public record Machine(long nodeId, long contractId, String workload, String ip) {
    }

    /**
     * Where a gateway name leads in the simulated reachability.
     *
     * @param fqdn          {@code name.<gateway domain>}
     * @param gatewayNodeId the gateway node serving it
     * @param contractId    the gateway deployment's contract
     * @param backends      the backends it forwards to, as given
     * @param machine       the running zmachine of the same twin at a backend's address, when there is one
     */
    public record NameRoute(String fqdn, long gatewayNodeId, long contractId, List<String> backends,
            Optional<Machine> machine) {
        /** @throws NullPointerException when a part is null */
        public NameRoute {
            Objects.requireNonNull(fqdn, "fqdn");
            backends = List.copyOf(backends);
            Objects.requireNonNull(machine, "machine");
        }
    }

    private final LocalTfchain chain;
    private final TfchainRpcServer rpc;
    private final ActivationServer activation;
    private final RmbRelay relay;
    private final Map<Long, SimulatedZosNode> nodes;
    private final LocalGridProxy gridProxy;
    private final LocalGraphql graphql;

    private LocalV3Grid(LocalTfchain chain, TfchainRpcServer rpc, ActivationServer activation, RmbRelay relay,
            Map<Long, SimulatedZosNode> nodes, LocalGridProxy gridProxy, LocalGraphql graphql) {
        this.chain = chain;
        this.rpc = rpc;
        this.activation = activation;
        this.relay = relay;
        this.nodes = nodes;
        this.gridProxy = gridProxy;
        this.graphql = graphql;
    }

    /** Starts the chain, its servers, the relay, the nodes and the discovery servers. */
    public static LocalV3Grid start(LocalV3GridConfig config) throws IOException, InterruptedException {
        LocalTfchain chain = LocalTfchain.start(config.chain());
        TfchainRpcServer rpc = null;
        ActivationServer activation = null;
        RmbRelay relay = null;
        Map<Long, SimulatedZosNode> nodes = new TreeMap<>();
        LocalGridProxy gridProxy = null;
        LocalGraphql graphql = null;
        try {
            rpc = TfchainRpcServer.start(chain, config.substratePort());
            activation = ActivationServer.start(chain, config.activationPort());
            relay = RmbRelay.start(chain, config.relayPort());
            for (Node node : chain.nodes()) {
                Ed25519KeyPair key = SampleChainTopology.nodeKey(node);
                Twin twin = chain.snapshot().twins().get(node.twinId());
                if (twin == null || !twin.account().equals(HexFormat.of().formatHex(key.publicKey()))) {
                    LOG.warn("node {} has no key known here; it is not simulated", node.id());
                    continue;
                }
                SimulatedZosNode simulated = new SimulatedZosNode(node, key, chain, relay, config.workloadDelays(),
                        config.chain().dataDirectory().map(dir -> new NodeDeploymentStore(dir, node.id())));
                simulated.start();
                nodes.put(node.id(), simulated);
            }
            NodeUsage usage = new SimulatedNodesUsage(nodes);
            gridProxy = LocalGridProxy.start(chain, usage, config.proxyPort());
            graphql = LocalGraphql.start(chain, usage, config.graphqlPort());
            return new LocalV3Grid(chain, rpc, activation, relay, Map.copyOf(nodes), gridProxy, graphql);
        } catch (IOException | InterruptedException | RuntimeException e) {
            closeAll(nodes, graphql, gridProxy, relay, activation, rpc, chain);
            throw e;
        }
    }

    /**
     * The key of the sample topology's funded account ({@code foundation}): an operator whose account pays the twins
     * of the 3Bots a deployer runs on this grid.
     */
    public static Ed25519KeyPair sampleOperatorKey() {
        return SampleChainTopology.key("foundation");
    }

    /** The chain. */
    public LocalTfchain chain() {
        return chain;
    }

    /** The relay. */
    public RmbRelay relay() {
        return relay;
    }

    /** The substrate websocket URL. */
    public URI substrateUrl() {
        return rpc.url();
    }

    /** The activation service's base URL. */
    public URI activationUrl() {
        return activation.url();
    }

    /** The relay's websocket URL. */
    public URI relayUrl() {
        return relay.url();
    }

    /** The gridproxy REST base URL. */
    public URI proxyUrl() {
        return gridProxy.url();
    }

    /** The indexer GraphQL endpoint. */
    public URI graphqlUrl() {
        return graphql.url();
    }

    /** Every simulated node, by node id. */
    public List<SimulatedZosNode> nodes() {
        return List.copyOf(new TreeMap<>(nodes).values());
    }

    /** The simulated node of a node id. */
    public Optional<SimulatedZosNode> node(long nodeId) {
        return Optional.ofNullable(nodes.get(nodeId));
    }

    /**
     * Follows a gateway name ({@code name.<gateway domain>}) as a browser would: the gateway workload that serves it
     * ({@code ok}, or being updated from an {@code ok} one), and the running zmachine of the same twin whose IP is
     * one of its backends' hosts.
     */
    public Optional<NameRoute> resolve(String fqdn) {
        for (SimulatedZosNode gateway : nodes.values()) {
            for (NodeDeployment d : gateway.deployments().values()) {
                for (Workload w : serving(d)) {
                    if (w.data() instanceof GatewayNameProxy g
                            && w.resultData().filter(r -> r instanceof WorkloadResult.GatewayNameResult n
                                    && n.fqdn().equals(fqdn)).isPresent()) {
                        return Optional.of(new NameRoute(fqdn, gateway.nodeId(), d.contractId(), g.backends(),
                                machineAt(d.deployment().twinId(), g.backends())));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The workloads a deployment serves with: each one that is {@code ok}, and for one being updated ({@code init})
     * its last {@code ok} version, as a gateway keeps its configuration until the new one is provisioned.
     */
    private static List<Workload> serving(NodeDeployment d) {
        List<Workload> serving = new ArrayList<>();
        for (Workload w : d.deployment().workloads()) {
            WorkloadResult.State state = d.state(w.name());
            if (state == WorkloadResult.State.OK) {
                serving.add(w);
            } else if (state == WorkloadResult.State.INIT) {
                d.changes().stream().filter(c -> c.name().equals(w.name()) && c.result() != null
                        && c.result().state() == WorkloadResult.State.OK).reduce((a, b) -> b).ifPresent(serving::add);
            }
        }
        return serving;
    }

    private Optional<Machine> machineAt(long twinId, List<String> backends) {
        List<String> hosts = new ArrayList<>();
        for (String backend : backends) {
            URI uri = URI.create(backend.contains("://") ? backend : "http://" + backend);
            if (uri.getHost() != null) {
                hosts.add(uri.getHost().replace("[", "").replace("]", ""));
            }
        }
        for (SimulatedZosNode node : nodes.values()) {
            for (NodeDeployment d : node.deployments().values()) {
                if (d.deployment().twinId() != twinId) {
                    continue;
                }
                for (Workload w : d.deployment().workloads()) {
                    if (w.data() instanceof ZMachine && d.state(w.name()) == WorkloadResult.State.OK) {
                        Optional<String> ip = w.resultData().filter(r -> r instanceof WorkloadResult.ZMachineResult)
                                .map(r -> (WorkloadResult.ZMachineResult) r)
                                .flatMap(r -> List.of(r.ip(), r.planetaryIp(), r.myceliumIp()).stream()
                                        .filter(hosts::contains).findFirst());
                        if (ip.isPresent()) {
                            return Optional.of(new Machine(node.nodeId(), d.contractId(), w.name(), ip.get()));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static void closeAll(Map<Long, SimulatedZosNode> nodes, AutoCloseable... parts) {
        if (nodes != null) {
            nodes.values().forEach(SimulatedZosNode::close);
        }
        for (AutoCloseable part : parts) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    LOG.warn("stopping part of the local grid failed", e);
                }
            }
        }
    }

    /** Stops the discovery servers, the nodes, the servers and the chain; the data directory keeps their state. */
    @Override
    public void close() {
        closeAll(nodes, graphql, gridProxy, relay, activation, rpc, chain);
    }
}
