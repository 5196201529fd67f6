package io.threebot.deployer.examples.v3grid;

/**
 * What the nodes themselves report, beside what the chain knows: the capacity their workloads use and whether they
 * are up. The local grid's discovery servers ({@link LocalGridProxy}, {@link LocalGraphql}) read it; simulated zos
 * nodes provide it. Implementations are called from server threads and must answer at once (no I/O, no waiting).
 */
public interface NodeUsage {
    /** Nothing used on any node, every node up: the chain alone, without simulated nodes. */
    NodeUsage NONE = new NodeUsage() {
        @Override
        public Resources used(long nodeId) {
            return Resources.NONE;
        }

        @Override
        public boolean isUp(long nodeId) {
            return true;
        }
    };

    /** The capacity the node's workloads use now; {@link Resources#NONE} for an unknown node. */
    Resources used(long nodeId);

    /** Whether the node answers (a node that is down is reported {@code down} and not healthy). */
    boolean isUp(long nodeId);
}
