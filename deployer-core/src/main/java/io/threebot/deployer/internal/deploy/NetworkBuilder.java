package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.internal.crypto.WireGuardKeyPair;
import io.threebot.deployer.internal.grid.Futures;
import io.threebot.deployer.model.NetworkResourceSpec;
import io.threebot.deployer.model.Node;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.model.WireGuardPeer;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.spi.GridIdentity;
import io.threebot.deployer.spi.SecretSealer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Builds a 3Bot's management network: an access node with public IPv4 that the owner's WireGuard peer dials, and
 * one network resource per node the 3Bot runs on. Adding a node redeploys every member as a new generation and
 * removes the previous one, so old generations do not pile up.
 */
public final class NetworkBuilder {
    static final String JOURNAL_KEY = "network";
    private static final String NAME = "management";
    private static final String RANGE = "10.100.0.0/16";
    private static final String PEER_SUBNET = "10.100.1.0/24";

    private final WorkloadDeployer workloads;
    private final SecretSealer sealer;
    private final Random random;

    public NetworkBuilder(WorkloadDeployer workloads, SecretSealer sealer, Random random) {
        this.workloads = workloads;
        this.sealer = sealer;
        this.random = random;
    }

    /** A network whose workloads were sent, and the watches of their coming up. */
    public record Sent(ManagementNetwork network, List<CompletableFuture<Workload>> up) {
    }

    /**
     * Creates the network (once) on its access node and the node the 3Bot runs on, as one generation deployed on
     * both at once, and returns it once its workloads are up.
     */
    public ManagementNetwork create(Saga saga, GridIdentity identity, long poolId, Node accessNode, Node threebotNode,
                                    String metadata) throws InterruptedException {
        Sent sent = send(saga, identity, poolId, accessNode, threebotNode, metadata);
        awaitUp(sent.up());
        return sent.network();
    }

    /**
     * Sends the network's workloads as {@link #create} does, without waiting for them: for a step that waits without
     * a thread.
     */
    public Sent send(Saga saga, GridIdentity identity, long poolId, Node accessNode, Node threebotNode,
                     String metadata) {
        ManagementNetwork network = saga.choose(JOURNAL_KEY, ManagementNetwork.class, () -> {
            WireGuardKeyPair client = WireGuardKeyPair.generate(random);
            ManagementNetwork empty = new ManagementNetwork(NAME, RANGE, accessNode.nodeId(), PEER_SUBNET,
                    client.publicKey(), sealer.seal(client.privateKey().value()), List.of(), List.of(), 1);
            ManagementNetwork withAccess = empty.withMember(member(accessNode, "10.100.0.0/24"));
            return threebotNode.nodeId().equals(accessNode.nodeId()) ? withAccess
                    : withAccess.withMember(member(threebotNode, withAccess.nextSubnet()));
        });
        return new Sent(network, sendGeneration(saga, identity, poolId, network, metadata));
    }

    /**
     * Adds a node to the network: a new generation of network workloads with every member re-keyed, then the old
     * generation removed. When the node is a member already (a resumed deployment that had grown the network), only
     * what is left of older generations is removed, so a crash between the two leaves nothing behind.
     */
    public ManagementNetwork addNode(Saga saga, GridIdentity identity, long poolId, ManagementNetwork network,
                                     Node node, String metadata) throws InterruptedException {
        if (network.member(node.nodeId()).isPresent()) {
            removeOlderGenerations(saga, identity, network);
            return network;
        }
        List<NetworkMember> rekeyed = new ArrayList<>();
        for (NetworkMember m : network.members()) {
            WireGuardKeyPair keys = WireGuardKeyPair.generate(random);
            rekeyed.add(m.withKeys(keys.publicKey(), sealer.seal(keys.privateKey().value())));
        }
        ManagementNetwork grown = network.withMembers(rekeyed).withMember(member(node, network.nextSubnet()))
                .nextGeneration();
        saga.note(JOURNAL_KEY, grown);
        awaitUp(sendGeneration(saga, identity, poolId, grown, metadata));
        removeOlderGenerations(saga, identity, grown);
        return grown;
    }

    /** Removes the network workloads of every generation before the network's own that the journal still holds. */
    private void removeOlderGenerations(Saga saga, GridIdentity identity, ManagementNetwork network) {
        for (int generation = 0; generation < network.generation(); generation++) {
            for (String key : saga.keysNewestFirst(WorkloadDeployer.PREFIX + generationPrefix(generation))) {
                workloads.remove(saga, key, identity);
            }
        }
    }

    /**
     * Records an IP of a member node's subnet as taken, with the journal's next write (the placement that uses it).
     */
    public ManagementNetwork reserveIp(Saga saga, ManagementNetwork network, String ip) {
        ManagementNetwork updated = network.withUsedIp(ip);
        saga.note(JOURNAL_KEY, updated);
        return updated;
    }

    /** Sends a generation's workloads, one per member; returns the watches of their coming up. */
    private List<CompletableFuture<Workload>> sendGeneration(Saga saga, GridIdentity identity, long poolId,
                                                             ManagementNetwork network, String metadata) {
        List<CompletableFuture<Workload>> waits = new ArrayList<>();
        List<NetworkMember> members = network.members();
        for (int i = 0; i < members.size(); i++) {
            NetworkMember m = members.get(i);
            NetworkResourceSpec spec = new NetworkResourceSpec(network.name(), network.ipRange(), m.subnet(),
                    Secret.of(sealer.unseal(m.sealedPrivateKey())), m.publicKey(), m.listenPort(), peers(network, m));
            String key = generationPrefix(network.generation()) + m.nodeId();
            // each member's id is journaled with the next member's intent, the last one's on its own
            long id = i < members.size() - 1
                    ? workloads.deployBeforeNext(saga, key, identity, m.nodeId(), poolId, metadata, spec)
                    : workloads.deploy(saga, key, identity, m.nodeId(), poolId, metadata, spec);
            waits.add(workloads.awaitOk(id, WorkloadType.NETWORK_RESOURCE, m.nodeId()));
        }
        return waits;
    }

    /** Waits until each of a generation's workloads is up, in order; the first that failed is thrown. */
    private static void awaitUp(List<CompletableFuture<Workload>> up) throws InterruptedException {
        for (CompletableFuture<Workload> wait : up) {
            Futures.await(wait);
        }
    }

    private static String generationPrefix(int generation) {
        return "network-g" + generation + "-";
    }

    private static List<WireGuardPeer> peers(ManagementNetwork network, NetworkMember self) {
        List<WireGuardPeer> peers = new ArrayList<>();
        for (NetworkMember other : network.members()) {
            if (!other.nodeId().equals(self.nodeId())) {
                String endpoint = other.endpoint().isEmpty() ? "" : other.endpoint() + ":" + other.listenPort();
                peers.add(new WireGuardPeer(other.publicKey(), endpoint, other.subnet(),
                        List.of(other.subnet(), wireGuardRoute(other.subnet()))));
            }
        }
        if (self.nodeId().equals(network.accessNodeId())) {
            peers.add(new WireGuardPeer(network.clientPublicKey(), "", network.peerSubnet(),
                    List.of(network.peerSubnet(), wireGuardRoute(network.peerSubnet()))));
        }
        return peers;
    }

    /** The WireGuard routing address of a subnet a.b.c.d/n: 100.64.b.c/32. */
    static String wireGuardRoute(String subnet) {
        String[] octets = subnet.split("[./]");
        return "100.64." + octets[1] + "." + octets[2] + "/32";
    }

    private NetworkMember member(Node node, String subnet) {
        WireGuardKeyPair keys = WireGuardKeyPair.generate(random);
        String endpoint = node.publicIpv4().map(NetworkBuilder::address)
                .or(() -> node.publicIpv6().map(ip -> "[" + address(ip) + "]")).orElse("");
        return new NetworkMember(node.nodeId(), subnet, endpoint, 1000 + random.nextInt(8000), keys.publicKey(),
                sealer.seal(keys.privateKey().value()));
    }

    private static String address(String cidr) {
        int slash = cidr.indexOf('/');
        return slash < 0 ? cidr : cidr.substring(0, slash);
    }
}
