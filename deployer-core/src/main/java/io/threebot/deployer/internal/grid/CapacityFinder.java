package io.threebot.deployer.internal.grid;

import io.threebot.deployer.grid.GridException;
import io.threebot.deployer.grid.GridUnavailableException;
import io.threebot.deployer.model.Farm;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.Node;
import io.threebot.deployer.model.ResourceUnits;
import io.threebot.deployer.spi.GridClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds where a workload fits. A node fits when it is up, not blocked, and its own free capacity (not its farm's
 * sum) covers the request; under over-provisioning CPU and memory are not checked.
 */
public final class CapacityFinder implements LocationCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(CapacityFinder.class);

    /** A farm where a 3Bot fits, with its farm-level facts. */
    public record EligibleFarm(long id, String name, String continent) {
    }

    private final GridClient grid;
    private final Clock clock;
    private final Blocklist<Blocklist.Nodes> blockedNodes;
    private final boolean overProvisioning;
    private final Executor executor;
    /** How long the farms' checks may take together; a farm not checked by then is left out. */
    static final Duration CHECK_DEADLINE = Duration.ofSeconds(20);

    public CapacityFinder(GridClient grid, Clock clock, Blocklist<Blocklist.Nodes> blockedNodes,
                          boolean overProvisioning, Executor executor) {
        this.grid = grid;
        this.clock = clock;
        this.blockedNodes = blockedNodes;
        this.overProvisioning = overProvisioning;
        this.executor = executor;
    }

    /**
     * Farms with at least one node that fits and an up access node with public IPv4, checked all at once on the
     * executor of short grid queries. A farm whose nodes cannot be listed is left out and logged.
     *
     * @throws GridUnavailableException when the executor refuses the checks (too many wait already)
     */
    public List<EligibleFarm> eligibleFarms(ResourceUnits wanted) {
        List<CompletableFuture<Optional<EligibleFarm>>> checks = new ArrayList<>();
        for (Farm farm : grid.listFarms()) {
            try {
                checks.add(CompletableFuture.supplyAsync(() -> check(farm, wanted), executor));
            } catch (RejectedExecutionException e) {
                checks.forEach(check -> check.cancel(true));
                throw new GridUnavailableException("The deployer is checking too many farms at once right now; "
                        + "please try again in a moment.", e);
            }
        }
        List<EligibleFarm> eligible = new ArrayList<>();
        long deadline = System.nanoTime() + CHECK_DEADLINE.toNanos();
        for (CompletableFuture<Optional<EligibleFarm>> check : checks) {
            try {
                check.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).ifPresent(eligible::add);
            } catch (TimeoutException e) {
                check.cancel(true);
                LOG.warn("A farm is left out: the grid did not list its nodes within {}", CHECK_DEADLINE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GridException("interrupted while checking the farms' capacity", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        return eligible;
    }

    private Optional<EligibleFarm> check(Farm farm, ResourceUnits wanted) {
        try {
            List<Node> nodes = grid.listNodes(farm.id());
            boolean fits = nodes.stream().anyMatch(n -> fits(n, wanted));
            boolean accessNode = nodes.stream().anyMatch(n -> n.isUp(clock) && n.publicIpv4().isPresent());
            return fits && accessNode
                    ? Optional.of(new EligibleFarm(farm.id(), farm.name(), farm.location().continent()))
                    : Optional.empty();
        } catch (GridException e) {
            LOG.warn("Farm {} is left out: its nodes could not be listed ({})", farm.name(), e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public List<EligibleFarm> farmsFor(Flavor flavor) {
        return eligibleFarms(flavor.resources());
    }

    @Override
    public List<NodeOption> nodesFor(Collection<Long> farmIds, Flavor flavor) {
        return nodesWithIpv6(farmIds, flavor.resources()).stream().map(n -> new NodeOption(n.nodeId(), n.farmId()))
                .toList();
    }

    @Override
    public Optional<Long> farmOf(String nodeId) {
        return grid.getNode(nodeId).map(Node::farmId);
    }

    /** Nodes of the given farms that fit and have a public IPv6 address (the specific-node choice). */
    public List<Node> nodesWithIpv6(Collection<Long> farmIds, ResourceUnits wanted) {
        List<Node> found = new ArrayList<>();
        for (long farmId : farmIds) {
            grid.listNodes(farmId).stream().filter(n -> fits(n, wanted) && n.publicIpv6().isPresent())
                    .forEach(found::add);
        }
        return found;
    }

    /** A random node among {@code nodeIds} that fits, if any. */
    public Optional<Node> pickNode(long farmId, Collection<String> nodeIds, ResourceUnits wanted, Random random) {
        List<Node> candidates = grid.listNodes(farmId).stream()
                .filter(n -> nodeIds.contains(n.nodeId()) && fits(n, wanted)).toList();
        return candidates.isEmpty() ? Optional.empty()
                : Optional.of(candidates.get(random.nextInt(candidates.size())));
    }

    public boolean fits(Node node, ResourceUnits wanted) {
        return node.isUp(clock) && !blockedNodes.isBlocked(node.nodeId())
                && node.free().covers(wanted, overProvisioning);
    }
}
