package io.threebot.deployer.examples.v3grid;

import java.util.Map;

/**
 * What the simulated zos nodes of a {@link LocalV3Grid} report to its discovery servers: the capacity their live
 * workloads use, and whether they are up (not taken off the relay by the offline fault). A node of the chain that is
 * not simulated answers nobody, so it is reported down with nothing used.
 */
final class SimulatedNodesUsage implements NodeUsage {
    private final Map<Long, SimulatedZosNode> nodes;

    SimulatedNodesUsage(Map<Long, SimulatedZosNode> nodes) {
        this.nodes = Map.copyOf(nodes);
    }

    @Override
    public Resources used(long nodeId) {
        SimulatedZosNode node = nodes.get(nodeId);
        return node == null ? Resources.NONE : node.usedResources();
    }

    @Override
    public boolean isUp(long nodeId) {
        SimulatedZosNode node = nodes.get(nodeId);
        return node != null && !node.isOffline();
    }
}
