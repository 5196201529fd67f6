package io.threebot.deployer.tfgrid.hosting;

import io.threebot.deployer.spi.HostingFarm;
import io.threebot.deployer.spi.HostingNode;
import io.threebot.deployer.tfgrid.deploy.BotSize;
import io.threebot.deployer.tfgrid.proxy.GridNode;
import io.threebot.deployer.tfgrid.proxy.GridProxyClient;
import io.threebot.deployer.tfgrid.proxy.NodeFilter;
import io.threebot.deployer.tfgrid.proxy.NodeStatus;
import io.threebot.deployer.tfgrid.proxy.PageRequest;
import io.threebot.deployer.tfgrid.proxy.PublicConfig;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The farms and nodes a 3Bot of a size can go to, read from gridproxy the way
 * {@link io.threebot.deployer.tfgrid.deploy.ThreebotGrid#place} chooses: nodes up, healthy and with the free memory,
 * SSD and cores the size needs; and a gateway node up with a domain and a public IPv4 (the placement takes the
 * nearest one, else any, so one anywhere serves every farm). A farm's continent is the region gridproxy files its
 * nodes under, blank for nodes without a location (the chat then offers the farm by name, not under a continent).
 */
final class FarmCatalog {
    /** The continent of a farm whose nodes have no location: none. */
    static final String UNKNOWN = "";
    /** The regions gridproxy files nodes under. */
    static final List<String> CONTINENTS = List.of("Europe", "Asia", "North America", "South America", "Africa",
            "Oceania", "Antarctica");
    private static final PageRequest PAGE = PageRequest.first(PageRequest.MAX_SIZE);

    private final GridProxyClient proxy;

    FarmCatalog(GridProxyClient proxy) {
        this.proxy = proxy;
    }

    /** The farms with room for the size, by id, each on its continent; none when no gateway is up. */
    List<HostingFarm> farms(BotSize size) {
        if (!gatewayUp()) {
            return List.of();
        }
        Map<Long, HostingFarm> farms = new LinkedHashMap<>();
        for (String continent : CONTINENTS) {
            for (GridNode node : fitting(size, f -> f.region(continent))) {
                farms.putIfAbsent(node.farmId(), new HostingFarm(node.farmId(), node.farmName(), continent));
            }
        }
        for (GridNode node : fitting(size, f -> f)) {
            farms.putIfAbsent(node.farmId(), new HostingFarm(node.farmId(), node.farmName(), UNKNOWN));
        }
        return farms.values().stream().sorted(Comparator.comparingLong(HostingFarm::id)).toList();
    }

    /** The nodes of these farms with room for the size, by id; none when no gateway is up. */
    List<HostingNode> nodes(Collection<Long> farmIds, BotSize size) {
        if (farmIds.isEmpty() || !gatewayUp()) {
            return List.of();
        }
        return fitting(size, f -> f.farmIds(farmIds)).stream()
                .filter(n -> farmIds.contains(n.farmId()))
                .sorted(Comparator.comparingLong(GridNode::nodeId))
                .map(n -> new HostingNode(Long.toString(n.nodeId()), n.farmId(), n.country()))
                .toList();
    }

    private List<GridNode> fitting(BotSize size, UnaryOperator<NodeFilter.Builder> where) {
        NodeFilter filter = where.apply(NodeFilter.builder().status(NodeStatus.UP).healthy(true)
                .freeMru(size.memoryBytes()).freeSru(size.ssdBytes()).totalCru(size.cpu())).build();
        return proxy.nodes(filter, PAGE).items();
    }

    private boolean gatewayUp() {
        NodeFilter filter = NodeFilter.builder().status(NodeStatus.UP).healthy(true).domain(true).ipv4(true).build();
        return proxy.gateways(filter, PageRequest.first(10)).items().stream()
                .anyMatch(g -> g.domain().isPresent() && g.publicConfig().flatMap(PublicConfig::ipv4).isPresent());
    }
}
