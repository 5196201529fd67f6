package io.threebot.deployer.internal.lifecycle;

import static io.threebot.deployer.internal.lifecycle.OperationRules.NOT_DELETED;
import static io.threebot.deployer.internal.lifecycle.OperationRules.requireOtherSize;
import static io.threebot.deployer.internal.lifecycle.OperationRules.requireState;
import static io.threebot.deployer.internal.lifecycle.OperationRules.sameFarm;
import static io.threebot.deployer.internal.lifecycle.ThreebotService.MIN_TIME_TO_START;

import io.threebot.deployer.billing.PaymentRequiredException;
import io.threebot.deployer.billing.Purchase;
import io.threebot.deployer.billing.PurchaseKind;
import io.threebot.deployer.internal.deploy.PaidPurchase;
import io.threebot.deployer.internal.grid.CapacityFinder;
import io.threebot.deployer.internal.grid.CapacityFinder.EligibleFarm;
import io.threebot.deployer.lifecycle.InvalidStateException;
import io.threebot.deployer.model.Capacity;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.LocationPolicy;
import io.threebot.deployer.model.Node;
import io.threebot.deployer.model.Pool;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.Progress;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Changes a 3Bot's size or location: it is deployed again with the new size on its farm and pool, or on a farm the
 * owner's location policy allows, where a pool its identity has with time left is used again and a new one is bought
 * otherwise. A running 3Bot keeps serving meanwhile ({@link Redeployment}).
 */
final class ResizeAndMove {
    private final OperationGuard guard;
    private final OwnerAccess access;
    private final ThreebotLookup lookup;
    private final PaidOperationRunner paid;
    private final Redeployment redeployment;
    private final CapacityFinder capacity;
    private final GridClient grid;
    private final HostedOperations hosted;
    private final Optional<HostedLifecycle> onHosting;

    /**
     * @param hosted    tells a 3Bot on a hosting grid (TFGrid v3) apart
     * @param onHosting resizes and moves such 3Bots, when the deployer has a hosting grid
     */
    ResizeAndMove(OperationGuard guard, OwnerAccess access, ThreebotLookup lookup, PaidOperationRunner paid,
                  Redeployment redeployment, CapacityFinder capacity, GridClient grid, HostedOperations hosted,
                  Optional<HostedLifecycle> onHosting) {
        this.hosted = hosted;
        this.onHosting = onHosting;
        this.guard = guard;
        this.access = access;
        this.lookup = lookup;
        this.paid = paid;
        this.redeployment = redeployment;
        this.capacity = capacity;
        this.grid = grid;
    }

    /**
     * Deploys the 3Bot again with another size, on its farm and pool (stopping it first if it runs).
     *
     * @param paymentId a paid request for {@link Purchase#changeSize}, or empty to add no days
     */
    Threebot changeSize(String owner, String uuid, String password, Flavor flavor,
                        Optional<String> paymentId, Progress progress) {
        if (hosted.hosts(uuid)) {
            return onHosting.orElseThrow().changeSize(owner, uuid, password, flavor, paymentId, progress);
        }
        return guard.locked(uuid, () -> {
            Threebot before = access.verify(owner, uuid, password);
            requireState(before, NOT_DELETED, "change size");
            requireOtherSize(before, flavor);
            return paid.run(before, PurchaseKind.CHANGE_SIZE, flavor, paymentId, PaidOperations.Rerun.of(password),
                    (operation, days) -> {
                return redeployment.redeploy(operation, before, password, flavor, List.of(sameFarm(before)),
                        Optional.empty(), days, paymentId.map(id -> new PaidPurchase(id,
                                PurchaseKind.CHANGE_SIZE)), progress);
            });
        });
    }

    /**
     * Deploys the 3Bot again where the location policy allows, keeping its domain. A farm where the 3Bot's identity
     * still has a pool with time left is preferred and that pool used again; elsewhere a new pool is bought.
     *
     * @param location  automatic, a continent, a farm or a node; only farms with room for the 3Bot count
     * @param paymentId a paid request for {@link Purchase#changeLocation}; required unless a pool is used again
     * @throws InvalidStateException when no farm of that choice has room (nothing changes)
     */
    Threebot changeLocation(String owner, String uuid, String password, LocationPolicy location,
                            Optional<String> paymentId, Progress progress) {
        if (hosted.hosts(uuid)) {
            return onHosting.orElseThrow().changeLocation(owner, uuid, password, location, paymentId, progress);
        }
        Threebot threebot = lookup.get(owner, uuid);
        List<EligibleFarm> candidates = capacity.allowedBy(location,
                capacity.eligibleFarms(threebot.flavor().resources()));
        Optional<String> node = location instanceof LocationPolicy.OnNode onNode ? Optional.of(onNode.nodeId())
                : Optional.empty();
        if (candidates.isEmpty()) {
            node.filter(id -> grid.getNode(id).isEmpty()).ifPresent(id -> {
                throw new InvalidStateException("Node " + id + " is not on the grid.");
            });
            throw new InvalidStateException("No farm at " + location + " has room for a "
                    + threebot.flavor().displayName() + " 3Bot now.");
        }
        return move(owner, uuid, password, candidates, node, paymentId, progress);
    }

    /**
     * Deploys the 3Bot again on one of the candidate farms (the location policy's choice), keeping its domain. A farm
     * where the 3Bot's identity still has a pool with time left is preferred, and that pool is used again; elsewhere
     * a new pool is bought, which needs a paid request.
     *
     * @param candidates the farms the owner's location policy allows; only those with room for the 3Bot count
     * @param nodeId     a node of one of them, or empty to let the deployer choose
     */
    Threebot changeLocation(String owner, String uuid, String password, List<EligibleFarm> candidates,
                            Optional<String> nodeId, Optional<String> paymentId, Progress progress) {
        if (hosted.hosts(uuid)) {
            return onHosting.orElseThrow().changeLocation(owner, uuid, password, candidates, nodeId, paymentId,
                    progress);
        }
        return move(owner, uuid, password, withRoom(lookup.get(owner, uuid), candidates), nodeId, paymentId, progress);
    }

    /** Moves the 3Bot to one of {@code farms}, all with room for it. */
    Threebot move(String owner, String uuid, String password, List<EligibleFarm> farms,
                  Optional<String> nodeId, Optional<String> paymentId, Progress progress) {
        if (hosted.hosts(uuid)) {
            return onHosting.orElseThrow().changeLocation(owner, uuid, password, farms, nodeId, paymentId, progress);
        }
        return guard.locked(uuid, () -> {
            Threebot threebot = access.verify(owner, uuid, password);
            requireState(threebot, NOT_DELETED, "move");
            Target target = target(farms, threebot, nodeId);
            if (target.poolId() == 0 && paymentId.isEmpty()) {
                throw new PaymentRequiredException("Moving to farm " + target.farm().name() + " buys a new pool "
                        + "there: pay for at least 1 day first.");
            }
            return paid.run(threebot, PurchaseKind.CHANGE_LOCATION, threebot.flavor(), paymentId,
                    new PaidOperations.Rerun(password, farms, nodeId), (operation, days) -> {
                progress.update(target.poolId() != 0 && target.farm().id() != threebot.farmId()
                        ? "Moving to farm " + target.farm().name() + ", on the pool " + target.poolId()
                        + " your 3Bot already has there." : "Moving to farm " + target.farm().name() + ".");
                return redeployment.redeploy(operation, threebot, password, threebot.flavor(),
                        List.of(target.farm()), nodeId, target.poolId(), days, paymentId.map(id -> new PaidPurchase(id,
                                PurchaseKind.CHANGE_LOCATION)), progress);
            });
        });
    }

    /**
     * How long the pool lasts that moving the 3Bot to one of the candidate farms would use again (a pool its identity
     * already has there, with at least an hour left at its size), so that the move needs no payment; empty when the
     * move buys a new pool.
     */
    Optional<Duration> reusedPoolTimeLeft(String owner, String uuid, List<EligibleFarm> candidates,
                                          Optional<String> nodeId) {
        Threebot threebot = lookup.get(owner, uuid);
        if (hosted.hosts(threebot.uuid())) {
            return Optional.empty(); // a hosted 3Bot has no pools: its account pays wherever it runs
        }
        return target(withRoom(threebot, candidates), threebot, nodeId).pool()
                .map(p -> p.lastsFor(threebot.flavor().capacity()));
    }

    /** Where a move goes: a farm, and the identity's pool there to use again (empty to buy one). */
    private record Target(EligibleFarm farm, Optional<Pool> pool) {
        long poolId() {
            return pool.map(Pool::poolId).orElse(0L);
        }
    }

    /** The candidate farms that have room for the 3Bot now (a chat's list of farms may be old). */
    private List<EligibleFarm> withRoom(Threebot threebot, List<EligibleFarm> candidates) {
        Set<Long> withRoom = new HashSet<>();
        capacity.eligibleFarms(threebot.flavor().resources()).forEach(f -> withRoom.add(f.id()));
        List<EligibleFarm> farms = candidates.stream().filter(f -> withRoom.contains(f.id())).toList();
        if (farms.isEmpty()) {
            throw new InvalidStateException("No farm of that choice has room for a "
                    + threebot.flavor().displayName() + " 3Bot now.");
        }
        return farms;
    }

    /**
     * The farm to move to, among farms with room: the chosen node's; else one where the identity has a pool with time
     * left; else the first.
     */
    private Target target(List<EligibleFarm> farms, Threebot threebot, Optional<String> nodeId) {
        if (nodeId.isPresent()) {
            long farmId = grid.getNode(nodeId.get()).map(Node::farmId).orElseThrow(
                    () -> new InvalidStateException("Node " + nodeId.get() + " is not on the grid."));
            EligibleFarm farm = farms.stream().filter(f -> f.id() == farmId).findFirst().orElseThrow(
                    () -> new InvalidStateException("Node " + nodeId.get() + " is not on a farm of that choice."));
            return new Target(farm, reusablePool(threebot, farm, nodeId));
        }
        for (EligibleFarm farm : farms) {
            Optional<Pool> pool = reusablePool(threebot, farm, Optional.empty());
            if (pool.isPresent()) {
                return new Target(farm, pool);
            }
        }
        return new Target(farms.get(0), Optional.empty());
    }

    /**
     * A pool of the 3Bot's identity on the farm (covering the node, when one is chosen) with at least an hour left at
     * its size, the one lasting longest.
     */
    private Optional<Pool> reusablePool(Threebot threebot, EligibleFarm farm, Optional<String> nodeId) {
        Set<String> farmNodes = new HashSet<>();
        grid.listNodes(farm.id()).forEach(n -> farmNodes.add(n.nodeId()));
        Capacity size = threebot.flavor().capacity();
        return grid.listPools(threebot.identityTid()).stream()
                .filter(p -> nodeId.map(p.nodeIds()::contains)
                        .orElseGet(() -> p.nodeIds().stream().anyMatch(farmNodes::contains)))
                .filter(p -> p.lastsFor(size).compareTo(MIN_TIME_TO_START) >= 0)
                .max(Comparator.comparing((Pool p) -> p.lastsFor(size)));
    }
}
