package io.threebot.deployer.examples.v3grid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The grid as discovery sees it, joined from the chain's state, what the nodes report ({@link NodeUsage}) and the
 * contracts' history: what {@link LocalGridProxy} and {@link LocalGraphql} answer from. Each call reads the latest
 * whole block.
 */
final class GridIndex {
    /** The contract states grid discovery reports. */
    static final String CREATED = "Created";
    static final String GRACE_PERIOD = "GracePeriod";
    static final String DELETED = "Deleted";

    /**
     * A node with its farm and live report.
     *
     * @param node the node
     * @param farm its farm
     * @param used the capacity in use
     * @param up   whether it answers
     */
    record NodeView(Node node, Farm farm, Resources used, boolean up) {
        Resources free() {
            Resources total = node.resources();
            return new Resources(total.hru() - used.hru(), total.sru() - used.sru(), total.cru() - used.cru(),
                    total.mru() - used.mru());
        }
    }

    /**
     * A contract, live or deleted.
     *
     * @param contract  the contract (its last state when deleted)
     * @param state     {@link #CREATED}, {@link #GRACE_PERIOD} or {@link #DELETED}
     * @param createdAt when it was created, seconds
     * @param farm      the farm of a node contract's node, when known
     */
    record ContractView(Contract contract, String state, long createdAt, java.util.Optional<Farm> farm) {
        String type() {
            return contract.type() == Contract.Type.NODE ? "node" : "name";
        }
    }

    private final LocalTfchain chain;
    private final NodeUsage usage;
    private final ContractHistory history;

    GridIndex(LocalTfchain chain, NodeUsage usage, ContractHistory history) {
        this.chain = chain;
        this.usage = usage;
        this.history = history;
    }

    LocalTfchain chain() {
        return chain;
    }

    List<Farm> farms() {
        return chain.farms();
    }

    List<Twin> twins() {
        return chain.twins();
    }

    List<NodeView> nodes() {
        Map<Long, Farm> farms = chain.farms().stream().collect(Collectors.toMap(Farm::id, Function.identity()));
        return chain.nodes().stream().map(n -> new NodeView(n, farms.get(n.farmId()), usage.used(n.id()),
                usage.isUp(n.id()))).toList();
    }

    List<ContractView> contracts() {
        Map<Long, Node> nodes = chain.nodes().stream().collect(Collectors.toMap(Node::id, Function.identity()));
        Map<Long, Farm> farms = chain.farms().stream().collect(Collectors.toMap(Farm::id, Function.identity()));
        long now = chain.head().timestamp() / 1000;
        List<ContractView> all = new ArrayList<>();
        for (ContractHistory.Deleted gone : history.deleted()) {
            all.add(view(gone.contract(), DELETED, gone.createdAt(), nodes, farms));
        }
        for (Contract contract : chain.contracts()) {
            String state = contract.state() == Contract.State.CREATED ? CREATED : GRACE_PERIOD;
            all.add(view(contract, state, history.createdAt(contract.id()).orElse(now), nodes, farms));
        }
        all.sort(Comparator.comparingLong(c -> c.contract().id()));
        return all;
    }

    private static ContractView view(Contract contract, String state, long createdAt, Map<Long, Node> nodes,
            Map<Long, Farm> farms) {
        java.util.Optional<Farm> farm = contract.type() == Contract.Type.NODE
                ? java.util.Optional.ofNullable(nodes.get(contract.nodeId())).map(n -> farms.get(n.farmId()))
                : java.util.Optional.empty();
        return new ContractView(contract, state, createdAt, farm);
    }

    List<ContractHistory.Bill> bills() {
        return history.bills();
    }
}
