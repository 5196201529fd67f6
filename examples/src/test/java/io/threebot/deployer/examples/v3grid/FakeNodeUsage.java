package io.threebot.deployer.examples.v3grid;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What simulated nodes would report, set by a test: used capacity per node and the nodes that are down. */
final class FakeNodeUsage implements NodeUsage {
    private final Map<Long, Resources> used = new ConcurrentHashMap<>();
    private final Set<Long> down = ConcurrentHashMap.newKeySet();

    FakeNodeUsage use(long nodeId, Resources resources) {
        used.put(nodeId, resources);
        return this;
    }

    FakeNodeUsage down(long nodeId) {
        down.add(nodeId);
        return this;
    }

    @Override
    public Resources used(long nodeId) {
        return used.getOrDefault(nodeId, Resources.NONE);
    }

    @Override
    public boolean isUp(long nodeId) {
        return !down.contains(nodeId);
    }
}
