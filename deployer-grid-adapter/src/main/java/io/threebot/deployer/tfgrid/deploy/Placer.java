package io.threebot.deployer.tfgrid.deploy;

import io.threebot.deployer.tfgrid.proxy.GridNode;
import io.threebot.deployer.tfgrid.proxy.GridProxyClient;
import io.threebot.deployer.tfgrid.proxy.NodeFilter;
import io.threebot.deployer.tfgrid.proxy.NodeStatus;
import io.threebot.deployer.tfgrid.proxy.PageRequest;
import io.threebot.deployer.tfgrid.proxy.PublicConfig;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Chooses a 3Bot's node and gateway through gridproxy: a node that is up, healthy, available to the twin and has the
 * free memory and SSD the size needs (and enough cores) under the placement policy, once what this engine placed
 * lately is taken away from what gridproxy says is free, chosen at random among those that fit
 * ({@link NodeReservations}, which says why), a gateway node only when no other node fits; then a gateway node (up,
 * healthy, with a domain and a public IPv4) as near as can be: in the node's farm, else its country, else its
 * continent, else any.
 */
final class Placer {
    /** The continents gridproxy's {@code region} takes, to learn which one a node is on. */
    static final List<String> CONTINENTS = List.of("Europe", "Asia", "North America", "South America", "Africa",
            "Oceania", "Antarctica");
    private static final PageRequest PAGE = PageRequest.first(100);

    private final GridProxyClient proxy;
    private final NodeReservations reservations;

    Placer(GridProxyClient proxy, NodeReservations reservations) {
        this.proxy = proxy;
        this.reservations = reservations;
    }

    Placement place(long twinId, BotSize size, PlacementPolicy policy) {
        GridNode node = node(twinId, size, policy, Set.of());
        GridNode gateway = gateway(node, policy)
                .orElseThrow(() -> new NoCapacityException("no gateway node is up to serve the 3Bot's name"));
        String ip = gateway.publicConfig().flatMap(PublicConfig::ipv4).map(v4 -> v4.split("/")[0]).orElseThrow();
        return new Placement(node.nodeId(), node.twinId(), node.farmId(), gateway.nodeId(), gateway.twinId(), ip,
                gateway.domain().orElseThrow());
    }

    /** Another node for a placement's VM under the policy, never one of {@code excluded}; the gateway stays. */
    Placement placeElsewhere(long twinId, BotSize size, PlacementPolicy policy, Placement from,
            Set<Long> excluded) {
        Set<Long> avoid = new HashSet<>(excluded);
        avoid.add(from.nodeId());
        GridNode node = node(twinId, size, policy, avoid);
        return from.withNode(node.nodeId(), node.twinId(), node.farmId());
    }

    /** A node refused a VM of this size for lack of capacity. */
    void refused(long nodeId, BotSize size) {
        reservations.refused(nodeId, size);
    }

    private GridNode node(long twinId, BotSize size, PlacementPolicy policy, Set<Long> excluded) {
        NodeFilter.Builder filter = NodeFilter.builder().status(NodeStatus.UP).healthy(true).availableFor(twinId)
                .freeMru(size.memoryBytes()).freeSru(size.ssdBytes()).totalCru(size.cpu());
        String where = "anywhere";
        if (policy instanceof PlacementPolicy.Continent c) {
            filter.region(c.name());
            where = "in " + c.name();
        } else if (policy instanceof PlacementPolicy.Farm f) {
            filter.farmName(f.name());
            where = "in farm " + f.name();
        } else if (policy instanceof PlacementPolicy.Node n) {
            filter.nodeId(n.nodeId());
            where = "on node " + n.nodeId();
        }
        String wanted = where + (excluded.isEmpty() ? "" : " but node" + (excluded.size() == 1 ? " " : "s ")
                + excluded.stream().sorted().map(String::valueOf).collect(Collectors.joining(", ")));
        Map<Long, GridNode> listed = new LinkedHashMap<>();
        for (GridNode n : proxy.nodes(filter.build(), PAGE).items()) {
            listed.put(n.nodeId(), n);
        }
        // a gateway node takes a VM only when no other node fits: its room is kept for the names it serves
        return reservations.chooseAndHold(candidates(listed, false), size, excluded)
                .or(() -> reservations.chooseAndHold(candidates(listed, true), size, excluded)).map(listed::get)
                .orElseThrow(() -> new NoCapacityException("no node " + wanted + " is up with " + size.cpu()
                        + " cores, " + (size.memoryBytes() >> 20) + " MiB of memory and " + (size.ssdBytes() >> 20)
                        + " MiB of SSD free"));
    }

    private static List<NodeReservations.Candidate> candidates(Map<Long, GridNode> listed, boolean gateways) {
        return listed.values().stream().filter(n -> n.domain().isPresent() == gateways)
                .map(n -> new NodeReservations.Candidate(n.nodeId(), n.freeResources().mru(), n.freeResources().sru()))
                .toList();
    }

    private Optional<GridNode> gateway(GridNode node, PlacementPolicy policy) {
        Optional<GridNode> near = gateway(f -> f.farmIds(node.farmId()))
                .or(() -> node.country().isEmpty() ? Optional.empty() : gateway(f -> f.country(node.country())));
        if (near.isPresent()) {
            return near;
        }
        Optional<String> continent = policy instanceof PlacementPolicy.Continent c ? Optional.of(c.name())
                : continentOf(node);
        return continent.flatMap(c -> gateway(f -> f.region(c))).or(() -> gateway(f -> f));
    }

    private Optional<GridNode> gateway(UnaryOperator<NodeFilter.Builder> near) {
        NodeFilter filter = near.apply(NodeFilter.builder().status(NodeStatus.UP).healthy(true).domain(true)
                .ipv4(true)).build();
        return proxy.gateways(filter, PAGE).items().stream()
                .filter(g -> g.domain().isPresent() && g.publicConfig().flatMap(PublicConfig::ipv4).isPresent())
                .min(Comparator.comparingLong(GridNode::nodeId));
    }

    private Optional<String> continentOf(GridNode node) {
        for (String continent : CONTINENTS) {
            NodeFilter filter = NodeFilter.builder().nodeId(node.nodeId()).region(continent).build();
            if (!proxy.nodes(filter, PageRequest.first(1)).items().isEmpty()) {
                return Optional.of(continent);
            }
        }
        return Optional.empty();
    }
}
