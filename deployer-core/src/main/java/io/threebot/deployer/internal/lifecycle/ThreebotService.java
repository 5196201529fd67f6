package io.threebot.deployer.internal.lifecycle;

import static io.threebot.deployer.internal.lifecycle.OperationRules.NOT_DELETED;
import static io.threebot.deployer.internal.lifecycle.OperationRules.deploymentOf;
import static io.threebot.deployer.internal.lifecycle.OperationRules.requireOtherSize;
import static io.threebot.deployer.internal.lifecycle.OperationRules.requireState;
import static io.threebot.deployer.internal.lifecycle.OperationRules.sameFarm;

import io.threebot.deployer.billing.PaymentRequiredException;
import io.threebot.deployer.billing.PaymentStatus;
import io.threebot.deployer.billing.Purchase;
import io.threebot.deployer.billing.PurchaseKind;
import io.threebot.deployer.billing.SpendingLimitException;
import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.errors.StopFlowException;
import io.threebot.deployer.grid.GridException;
import io.threebot.deployer.internal.billing.Refunds;
import io.threebot.deployer.internal.billing.UserBilling;
import io.threebot.deployer.internal.crypto.PasswordHasher;
import io.threebot.deployer.internal.deploy.CompensatedException;
import io.threebot.deployer.internal.deploy.DeployOrder;
import io.threebot.deployer.internal.deploy.DeploymentJournal;
import io.threebot.deployer.internal.deploy.IdentityService;
import io.threebot.deployer.internal.deploy.NameReservations;
import io.threebot.deployer.internal.deploy.PaidPurchase;
import io.threebot.deployer.internal.deploy.PasswordGuard;
import io.threebot.deployer.internal.deploy.Placement;
import io.threebot.deployer.internal.deploy.PoolProvisioner;
import io.threebot.deployer.internal.deploy.Saga;
import io.threebot.deployer.internal.deploy.SharedCollaborators;
import io.threebot.deployer.internal.deploy.ThreebotDeployment;
import io.threebot.deployer.internal.deploy.ThreebotRepository;
import io.threebot.deployer.internal.deploy.WorkloadDeployer;
import io.threebot.deployer.internal.grid.CapacityFinder;
import io.threebot.deployer.internal.grid.CapacityFinder.EligibleFarm;
import io.threebot.deployer.internal.grid.Futures;
import io.threebot.deployer.internal.grid.WorkloadWatcher;
import io.threebot.deployer.internal.store.FenceScope;
import io.threebot.deployer.internal.store.Leases;
import io.threebot.deployer.lifecycle.BackupRemovalException;
import io.threebot.deployer.lifecycle.DamagedThreebot;
import io.threebot.deployer.lifecycle.DamagedThreebotException;
import io.threebot.deployer.lifecycle.InvalidStateException;
import io.threebot.deployer.lifecycle.LifecycleException;
import io.threebot.deployer.lifecycle.OperationInProgressException;
import io.threebot.deployer.lifecycle.OperationTimeoutException;
import io.threebot.deployer.lifecycle.PaidOperationFailedException;
import io.threebot.deployer.lifecycle.RedeployFailedException;
import io.threebot.deployer.lifecycle.ThreebotNotFoundException;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.lifecycle.TooManyAttemptsException;
import io.threebot.deployer.lifecycle.WrongPasswordException;
import io.threebot.deployer.model.Capacity;
import io.threebot.deployer.model.Expiry;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.IdentityNames;
import io.threebot.deployer.model.LocationPolicy;
import io.threebot.deployer.model.Node;
import io.threebot.deployer.model.Pool;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.spi.BackupServers;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.spi.DeploymentEvents;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.GridIdentity;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.spi.SecretSealer;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreException;
import io.threebot.deployer.spi.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an owner does with a deployed 3Bot: list, stop, destroy, start, restart, change size or location, extend.
 * Every call checks that the 3Bot is the caller's and, where it acts on the grid, the recovery password (with
 * attempts limited per 3Bot). Operations on one 3Bot are serialized, across deployer instances too: each holds the
 * 3Bot's lease while it runs, and a second one meanwhile is refused ({@link OperationInProgressException}). The
 * stored state always follows what happened on the grid: a failure leaves the state the grid shows.
 *
 * <p>A store that cannot be reached fails the call with that {@link StoreUnavailableException} (reason
 * {@code UNAVAILABLE}) and undoes nothing: a paid operation keeps the user's payment, unrefunded, and the same call
 * made again (by the user, a chat step or the renewal sweep) takes the operation up again under its journal.
 */
public final class ThreebotService {
    /** What the service works with; made by {@link Builder}, which names every part. */
    private record Collaborators(DeployerSettings settings, ThreebotRepository threebots, ThreebotLister lister,
                                PasswordGuard passwords, PasswordHasher hasher, IdentityService identities,
                                GridClient grid, WorkloadWatcher watcher, BackupServers backups,
                                ThreebotDeployment deployment, CapacityFinder capacity, PoolProvisioner pools,
                                UserBilling billing, NameReservations names, StateStore store, Clock clock,
                                AutoRenewals renewals, Leases leases, DeploymentEvents events, SecretSealer sealer) {
    }

    /** A builder that takes each collaborator by name, so that two of one type cannot be swapped unnoticed. */
    public static Builder builder() {
        return new Builder();
    }

    /** Names the collaborators one by one, the shared ones as well; {@link #build()} requires every one. */
    public static final class Builder extends SharedCollaborators<Builder> {
        private ThreebotLister lister;
        private PasswordGuard passwords;
        private WorkloadWatcher watcher;
        private BackupServers backups;
        private ThreebotDeployment deployment;
        private UserBilling billing;
        private AutoRenewals renewals;
        private Leases leases;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder lister(ThreebotLister value) {
            this.lister = value;
            return this;
        }

        public Builder passwords(PasswordGuard value) {
            this.passwords = value;
            return this;
        }

        public Builder watcher(WorkloadWatcher value) {
            this.watcher = value;
            return this;
        }

        public Builder backups(BackupServers value) {
            this.backups = value;
            return this;
        }

        public Builder deployment(ThreebotDeployment value) {
            this.deployment = value;
            return this;
        }

        public Builder billing(UserBilling value) {
            this.billing = value;
            return this;
        }

        public Builder renewals(AutoRenewals value) {
            this.renewals = value;
            return this;
        }

        public Builder leases(Leases value) {
            this.leases = value;
            return this;
        }

        /**
         * @throws NullPointerException naming the first collaborator not given
         */
        public ThreebotService build() {
            return new ThreebotService(new Collaborators(Objects.requireNonNull(settings, "settings"),
                    Objects.requireNonNull(threebots, "threebots"),
                    Objects.requireNonNull(lister, "lister"),
                    Objects.requireNonNull(passwords, "passwords"),
                    Objects.requireNonNull(hasher, "hasher"),
                    Objects.requireNonNull(identities, "identities"),
                    Objects.requireNonNull(grid, "grid"),
                    Objects.requireNonNull(watcher, "watcher"),
                    Objects.requireNonNull(backups, "backups"),
                    Objects.requireNonNull(deployment, "deployment"),
                    Objects.requireNonNull(capacity, "capacity"),
                    Objects.requireNonNull(pools, "pools"),
                    Objects.requireNonNull(billing, "billing"),
                    Objects.requireNonNull(names, "names"),
                    Objects.requireNonNull(store, "store"),
                    Objects.requireNonNull(clock, "clock"),
                    Objects.requireNonNull(renewals, "renewals"),
                    Objects.requireNonNull(leases, "leases"),
                    Objects.requireNonNull(events, "events"),
                    Objects.requireNonNull(sealer, "sealer")));
        }
    }

    /**
     * What became of an auto-renewal whose payment request closed: the 3Bot's pool was extended ({@code renewed}),
     * or not, and why.
     */
    public record RenewalOutcome(Threebot threebot, boolean renewed, String message) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ThreebotService.class);

    private final Collaborators c;
    private final PaidOperations operations;
    private final OperationGuard guard;
    private final ThreebotLookup lookup;
    private final OwnerAccess access;
    private final WorkloadRemoval removal;
    private final Redeployment redeployment;
    private final PaidOperationRunner paid;

    private ThreebotService(Collaborators collaborators) {
        this.c = collaborators;
        this.operations = new PaidOperations(collaborators.store(), collaborators.sealer());
        this.guard = new OperationGuard(collaborators.leases());
        this.lookup = new ThreebotLookup(collaborators.threebots(), collaborators.lister(), collaborators.grid(),
                collaborators.events(), collaborators.clock());
        this.access = new OwnerAccess(lookup, collaborators.passwords(), collaborators.hasher(),
                collaborators.identities(), collaborators.deployment());
        this.removal = new WorkloadRemoval(collaborators.grid(), collaborators.watcher(),
                collaborators.settings().stopTimeout(), collaborators.threebots(), collaborators.store(),
                collaborators.clock(), access);
        this.redeployment = new Redeployment(collaborators.deployment(), removal, access, collaborators.threebots(),
                collaborators.store(), collaborators.clock());
        this.paid = new PaidOperationRunner(collaborators.billing(), operations, collaborators.clock());
    }
    /**
     * The owner's 3Bots with their live state, oldest first; those whose records cannot be read are in
     * {@link #damaged}.
     */
    public List<ThreebotView> list(String owner) {
        return lookup.list(owner);
    }
    /**
     * The owner's 3Bots whose records cannot be read, by id, which {@link #list} leaves out. Each is logged and
     * published as a {@link DeploymentEvent.Kind#RECORD_DAMAGED} event, so an operator hears of it.
     */
    public List<DamagedThreebot> damaged(String owner) {
        return lookup.damaged(owner);
    }
    /**
     * One 3Bot of the owner, as stored.
     *
     * @throws ThreebotNotFoundException  for an unknown id and for another owner's 3Bot alike, so ids reveal nothing
     * @throws DamagedThreebotException   when it is the owner's but its record cannot be read
     */
    public Threebot get(String owner, String uuid) {
        return lookup.get(owner, uuid);
    }
    /**
     * One of the owner's 3Bots by its id, or by its name among those not destroyed; empty for unknown ids and names
     * and for other owners' 3Bots alike.
     *
     * @throws DamagedThreebotException when the id is one of the owner's 3Bots whose record cannot be read
     */
    public Optional<Threebot> find(String owner, String idOrName) {
        return lookup.find(owner, idOrName);
    }

    /** The least time a pool must have left to start a 3Bot without buying days. */
    public static final Duration MIN_TIME_TO_START = Expiry.DRY;

    /**
     * How long the 3Bot's pool still runs it at its size (zero when the pool is gone or dry): what a start or
     * restart without buying days has to run on.
     */
    public Duration poolTimeLeft(String owner, String uuid) {
        return poolTimeLeft(get(owner, uuid));
    }
    /** How long the 3Bot's pool still lasts at its size; zero when the grid has no such pool. */
    Duration poolTimeLeft(Threebot threebot) {
        return lookup.poolTimeLeft(threebot);
    }
    /** Whether the owner has a 3Bot that is not destroyed, from the store alone (nothing is probed). */
    public boolean hasAny(String owner) {
        return lookup.hasAny(owner);
    }
    /** Checks ownership and the recovery password without doing anything else. */
    public Threebot verify(String owner, String uuid, String password) {
        return access.verify(owner, uuid, password);
    }
    /**
     * The WireGuard configuration of the 3Bot's private network, for the owner's machine, once the recovery password
     * is checked: opened from the 3Bot's deployment journal, where its key stays sealed.
     *
     * @throws InvalidStateException for a destroyed 3Bot, or one whose journal keeps no network
     */
    public String wireGuardConfig(String owner, String uuid, String password) {
        return access.wireGuardConfig(owner, uuid, password);
    }

    /** Removes the 3Bot's workloads and waits (all at once) until the grid confirms; backups are kept. */
    public Threebot stop(String owner, String uuid, String password) {
        return guard.locked(uuid, () -> {
            Threebot threebot = access.verify(owner, uuid, password);
            requireState(threebot, ThreebotState::isLive, "stop");
            return removal.stopped(threebot, access.identity(threebot, password));
        });
    }

    /** Stops the 3Bot if it runs, removes its backup accounts and its network, and marks it DELETED. */
    public Threebot destroy(String owner, String uuid, String password) {
        return guard.locked(uuid, () -> {
            Threebot threebot = access.verify(owner, uuid, password);
            requireState(threebot, NOT_DELETED, "destroy");
            GridIdentity identity = access.identity(threebot, password);
            if (threebot.state().isLive()) {
                threebot = removal.stopped(threebot, identity);
            }
            removal.removeNetwork(threebot, identity);
            try {
                c.backups().deleteUser(threebot.identityName());
            } catch (RuntimeException e) {
                throw new BackupRemovalException("3Bot '" + threebot.name() + "' is stopped, but its backups could "
                        + "not be removed (" + e.getMessage() + "); destroy it again to retry.", e);
            }
            Threebot deleted = c.threebots().update(uuid, t -> t.withState(ThreebotState.DELETED));
            c.names().releaseAll(deleted.identityName());
            ExpiryWatch.forget(c.store(), deleted.identityName());
            stopAutoRenew(deleted);
            return deleted;
        });
    }

    /**
     * Opens a payment request for something the owner wants to buy for one of their 3Bots; the operation then takes
     * its id. Nothing is bought until the request is paid.
     *
     * @throws InvalidStateException      when the 3Bot cannot take that operation now
     * @throws SpendingLimitException     when the days or the operator's daily cap refuse it (nothing opened)
     */
    public UserPayment requestPayment(String owner, String uuid, Purchase purchase) {
        Threebot threebot = get(owner, uuid);
        requireState(threebot, purchase.kind() == PurchaseKind.START ? state -> state == ThreebotState.STOPPED
                : NOT_DELETED, purchase.kind().description().replace(" a 3Bot", ""));
        Flavor flavor = purchase.size().orElse(threebot.flavor());
        if (purchase.kind() == PurchaseKind.CHANGE_SIZE) {
            requireOtherSize(threebot, flavor);
        }
        return c.billing().open(owner, purchase.kind(), uuid, threebot.name(), flavor, purchase.days());
    }

    /**
     * Deploys a stopped 3Bot again, on its farm, pool, gateway and domain, with a new solution id.
     *
     * @param paymentId a paid request for {@link Purchase#start} (days added to its pool), or empty to add none
     */
    public Threebot start(String owner, String uuid, String password, Optional<String> paymentId,
                          Progress progress) {
        return guard.locked(uuid, () -> {
            Threebot threebot = access.verify(owner, uuid, password);
            requireState(threebot, state -> state == ThreebotState.STOPPED, "start");
            requireTimeOrPayment(threebot, paymentId);
            return paid.run(threebot, PurchaseKind.START, threebot.flavor(), paymentId, PaidOperations.Rerun.of(password),
                    (operation, days) ->
                    redeployment.redeploy(operation, threebot, password, threebot.flavor(), List.of(sameFarm(threebot)),
                            Optional.empty(), days, paymentId.map(id -> new PaidPurchase(id, PurchaseKind.START)),
                            progress));
        });
    }

    /** Stops the 3Bot if it runs, then starts it again; {@code paymentId} as for {@link #start}. */
    public Threebot restart(String owner, String uuid, String password, Optional<String> paymentId,
                            Progress progress) {
        return guard.locked(uuid, () -> {
            Threebot before = access.verify(owner, uuid, password);
            requireState(before, NOT_DELETED, "restart");
            requireTimeOrPayment(before, paymentId);
            return paid.run(before, PurchaseKind.RESTART, before.flavor(), paymentId, PaidOperations.Rerun.of(password),
                    (operation, days) -> {
                Threebot threebot = removal.runnable(before, password);
                return redeployment.redeploy(operation, threebot, password, threebot.flavor(), List.of(sameFarm(threebot)),
                        Optional.empty(), days, paymentId.map(id -> new PaidPurchase(id, PurchaseKind.RESTART)),
                        progress);
            });
        });
    }

    /**
     * Deploys the 3Bot again with another size, on its farm and pool (stopping it first if it runs).
     *
     * @param paymentId a paid request for {@link Purchase#changeSize}, or empty to add no days
     */
    public Threebot changeSize(String owner, String uuid, String password, Flavor flavor,
                               Optional<String> paymentId, Progress progress) {
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
    public Threebot changeLocation(String owner, String uuid, String password, LocationPolicy location,
                                   Optional<String> paymentId, Progress progress) {
        Threebot threebot = get(owner, uuid);
        List<EligibleFarm> candidates = c.capacity().allowedBy(location,
                c.capacity().eligibleFarms(threebot.flavor().resources()));
        Optional<String> node = location instanceof LocationPolicy.OnNode onNode ? Optional.of(onNode.nodeId())
                : Optional.empty();
        if (candidates.isEmpty()) {
            node.filter(id -> c.grid().getNode(id).isEmpty()).ifPresent(id -> {
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
    public Threebot changeLocation(String owner, String uuid, String password, List<EligibleFarm> candidates,
                                   Optional<String> nodeId, Optional<String> paymentId, Progress progress) {
        return move(owner, uuid, password, withRoom(get(owner, uuid), candidates), nodeId, paymentId, progress);
    }

    /** Moves the 3Bot to one of {@code farms}, all with room for it. */
    private Threebot move(String owner, String uuid, String password, List<EligibleFarm> farms,
                          Optional<String> nodeId, Optional<String> paymentId, Progress progress) {
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
                return redeployment.redeploy(operation, threebot, password, threebot.flavor(), List.of(target.farm()), nodeId,
                        target.poolId(), days, paymentId.map(id -> new PaidPurchase(id,
                                PurchaseKind.CHANGE_LOCATION)), progress);
            });
        });
    }

    /**
     * How long the pool lasts that moving the 3Bot to one of the candidate farms would use again (a pool its identity
     * already has there, with at least an hour left at its size), so that the move needs no payment; empty when the
     * move buys a new pool.
     */
    public Optional<Duration> reusedPoolTimeLeft(String owner, String uuid, List<EligibleFarm> candidates,
                                                 Optional<String> nodeId) {
        Threebot threebot = get(owner, uuid);
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
        c.capacity().eligibleFarms(threebot.flavor().resources()).forEach(f -> withRoom.add(f.id()));
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
            long farmId = c.grid().getNode(nodeId.get()).map(Node::farmId).orElseThrow(
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
        c.grid().listNodes(farm.id()).forEach(n -> farmNodes.add(n.nodeId()));
        Capacity size = threebot.flavor().capacity();
        return c.grid().listPools(threebot.identityTid()).stream()
                .filter(p -> nodeId.map(p.nodeIds()::contains)
                        .orElseGet(() -> p.nodeIds().stream().anyMatch(farmNodes::contains)))
                .filter(p -> p.lastsFor(size).compareTo(MIN_TIME_TO_START) >= 0)
                .max(Comparator.comparing((Pool p) -> p.lastsFor(size)));
    }

    /**
     * Buys more capacity for the 3Bot's pool, so it runs as many days longer as the payment bought; the payment is
     * refunded in full when the extension fails.
     *
     * @param paymentId a paid request for {@link Purchase#extend}
     */
    public Threebot extend(String owner, String uuid, String password, String paymentId, Progress progress) {
        return guard.locked(uuid, () -> {
            Threebot threebot = access.verify(owner, uuid, password);
            requireState(threebot, NOT_DELETED, "extend");
            return paid.run(threebot, PurchaseKind.EXTEND, threebot.flavor(), Optional.of(paymentId),
                    PaidOperations.Rerun.of(password), (operation, days) -> extendPool(operation, threebot, access.identity(threebot, password), paymentId,
                            days, progress));
        });
    }

    /**
     * Turns auto-renew on for the 3Bot: when its pool runs dry within the deployer's {@code expiryWarning}, the owner
     * is asked (through {@code UserPayments}) to pay for {@code days} more, and once paid the pool is extended. The
     * operator's wallet never pays for it. The recovery password is checked and not kept; the 3Bot identity's key is
     * kept sealed until auto-renew is turned off.
     *
     * @throws io.threebot.deployer.errors.InvalidInputException when days is outside 1 to the most one purchase
     *                                                           buys
     */
    public void autoRenew(String owner, String uuid, String password, int days) {
        int max = c.billing().settings().maxDaysPerPurchase();
        if (days < 1 || days > max) {
            throw new InvalidInputException("days", "Auto-renew buys 1 to " + max + " days at a time, not " + days
                    + ".");
        }
        guard.locked(uuid, () -> {
            Threebot threebot = access.verify(owner, uuid, password);
            requireState(threebot, NOT_DELETED, "renew");
            c.renewals().turnOn(threebot.identityName(), owner, days, access.identity(threebot, password).keys());
            return threebot;
        });
    }

    /** Turns auto-renew off for the 3Bot, withdraws a renewal request still unpaid, and forgets its key. */
    public boolean stopAutoRenew(String owner, String uuid) {
        return stopAutoRenew(get(owner, uuid));
    }

    private boolean stopAutoRenew(Threebot threebot) {
        c.renewals().find(threebot.identityName()).flatMap(AutoRenewals.Renewal::pendingPayment).ifPresent(id -> {
            try {
                if (c.billing().get(threebot.owner(), id).status() == PaymentStatus.AWAITING) {
                    c.billing().withdraw(id);
                }
            } catch (DeployerException e) {
                LOG.warn("The renewal request {} of 3Bot {} could not be withdrawn: {}", id, threebot.name(),
                        e.getMessage());
            }
        });
        return c.renewals().turnOff(threebot.identityName());
    }

    /** The days auto-renew buys for the 3Bot, or empty when it is off. */
    public Optional<Integer> autoRenewDays(String owner, String uuid) {
        return c.renewals().find(get(owner, uuid).identityName()).map(AutoRenewals.Renewal::days);
    }

    /**
     * Asks the owner to pay for the next renewal of a 3Bot whose pool runs dry soon, payable until it runs dry; empty
     * when auto-renew is off for it or a request is already open.
     */
    public Optional<UserPayment> requestRenewal(Threebot threebot) {
        Optional<AutoRenewals.Renewal> renewal = c.renewals().find(threebot.identityName());
        if (renewal.isEmpty() || renewal.get().pendingPayment().isPresent()
                || threebot.state() == ThreebotState.DELETED) {
            return Optional.empty();
        }
        UserPayment payment = c.billing().open(threebot.owner(), PurchaseKind.EXTEND, threebot.uuid(),
                threebot.name(), threebot.flavor(), renewal.get().days(),
                poolTimeLeft(threebot).minus(MIN_TIME_TO_START));
        c.renewals().pending(threebot.identityName(), Optional.of(payment.id()));
        return Optional.of(payment);
    }

    /**
     * Extends the pools whose renewal the owner paid (refunded in full when the extension fails) and drops the
     * requests that closed without being used; requests still open, or whose renewal could not run yet, wait for the
     * next call. One renewal failing stops no other.
     */
    public List<RenewalOutcome> completeRenewals() {
        List<RenewalOutcome> outcomes = new ArrayList<>();
        for (AutoRenewals.Renewal renewal : c.renewals().pending()) {
            try {
                complete(renewal).ifPresent(outcomes::add);
            } catch (RuntimeException e) {
                LOG.warn("The renewal of 3Bot identity {} could not be completed now; it is tried again: {}",
                        renewal.identity(), e.getMessage());
            }
        }
        return outcomes;
    }

    private Optional<RenewalOutcome> complete(AutoRenewals.Renewal renewal) {
        Optional<Threebot> found = c.threebots().listByOwner(renewal.owner()).stream()
                .filter(t -> t.identityName().equals(renewal.identity()) && t.state() != ThreebotState.DELETED)
                .reduce((older, newer) -> newer);
        if (found.isEmpty()) {
            c.renewals().turnOff(renewal.identity());
            return Optional.empty();
        }
        Threebot threebot = found.get();
        String paymentId = renewal.pendingPayment().orElseThrow();
        UserPayment payment = c.billing().get(threebot.owner(), paymentId);
        if (payment.status() == PaymentStatus.PAID || PaidOperationRunner.heldByUnfinishedOperation(payment)) {
            return Optional.of(renew(threebot, renewal, paymentId));
        }
        if (!payment.status().closed()) {
            return Optional.empty();
        }
        c.renewals().pending(renewal.identity(), Optional.empty());
        return Optional.of(new RenewalOutcome(threebot, false, "The renewal of 3Bot '" + threebot.name() + "' "
                + switch (payment.status()) {
                    case SETTLED -> "was used already";
                    case REFUNDED -> "was refunded";
                    default -> "was not paid in time";
                } + "; the 3Bot runs until its pool runs dry."));
    }

    private RenewalOutcome renew(Threebot threebot, AutoRenewals.Renewal renewal, String paymentId) {
        try {
            Threebot renewed = guard.locked(threebot.uuid(), () -> paid.run(threebot, PurchaseKind.EXTEND,
                    threebot.flavor(), Optional.of(paymentId), null, (operation, days) -> extendPool(operation, threebot,
                            new GridIdentity(threebot.identityTid(), threebot.identityName(),
                                    c.renewals().keys(renewal)), paymentId, days, Progress.silent())));
            c.renewals().pending(renewal.identity(), Optional.empty());
            return new RenewalOutcome(renewed, true, "3Bot '" + threebot.name() + "' was renewed for "
                    + renewal.days() + " days.");
        } catch (DeployerException e) {
            if (StoreUnavailableException.findIn(e).isPresent() || e instanceof OperationInProgressException) {
                throw e; // not a failure of the renewal: the next sweep takes it up again
            }
            if (c.billing().get(threebot.owner(), paymentId).status().closed()) {
                c.renewals().pending(renewal.identity(), Optional.empty());
            }
            return new RenewalOutcome(threebot, false, "The renewal of 3Bot '" + threebot.name() + "' failed: "
                    + e.getMessage());
        }
    }

    /**
     * Takes up the paid operations whose runner stopped (a crash, a take-over, a call nobody made again) and that
     * began more than {@code olderThan} ago: each is run again under its operation id, so it resumes from its journal
     * to its end, or finishes its undoing; one that can no longer run (its 3Bot was destroyed or replaced meanwhile)
     * keeps what it finished and undoes the rest, with the user refunded in full. A payment is so never left in use
     * without a runner. Operations running now (here or, by their lease, on another instance) are left alone.
     *
     * @return how many operations ended
     */
    public int resumeStrandedOperations(Duration olderThan) {
        int ended = 0;
        java.time.Instant cutoff = c.clock().instant().minus(olderThan);
        for (PaidOperations.Pending pending : operations.all()) {
            if (pending.startedAt().isAfter(cutoff) || guard.busy(pending.threebotUuid())
                    || pending.chatLease().filter(l -> c.store().get(Leases.KIND, l, Leases.Lease.class).isPresent())
                    .isPresent()) {
                continue; // running, or run by a chat's long step, which its chat resumes
            }
            try {
                ended += resumeStranded(pending) ? 1 : 0;
            } catch (RuntimeException e) {
                LOG.warn("Stranded {} could not be taken up now; it is tried again: {}", pending, e.getMessage());
            }
        }
        return ended;
    }

    private boolean resumeStranded(PaidOperations.Pending pending) {
        UserPayment payment = c.billing().get(pending.owner(), pending.paymentId());
        if (!PaidOperationRunner.heldByUnfinishedOperation(payment)) {
            operations.end(pending.paymentId()); // settled, refunded, or never taken: nothing is left to do
            return true;
        }
        LOG.info("Taking up {} again (operation {})", pending, payment.operationId());
        PaidOperations.Rerun rerun = operations.rerun(pending);
        Optional<String> paymentId = Optional.of(pending.paymentId());
        String owner = pending.owner();
        String uuid = pending.threebotUuid();
        try {
            switch (pending.kind()) {
                case START -> start(owner, uuid, rerun.password(), paymentId, Progress.silent());
                case RESTART -> restart(owner, uuid, rerun.password(), paymentId, Progress.silent());
                case CHANGE_SIZE -> changeSize(owner, uuid, rerun.password(), pending.flavor(), paymentId,
                        Progress.silent());
                case CHANGE_LOCATION -> move(owner, uuid, rerun.password(), rerun.farms(), rerun.nodeId(), paymentId,
                        Progress.silent());
                case EXTEND -> extend(owner, uuid, rerun.password(), pending.paymentId(), Progress.silent());
                default -> throw new IllegalStateException("not a paid operation on a 3Bot: " + pending.kind());
            }
            return true;
        } catch (PaidOperationFailedException refunded) {
            return true;
        } catch (OperationInProgressException | io.threebot.deployer.errors.LeaseLostException running) {
            return false;
        } catch (DeployerException refused) {
            if (StoreUnavailableException.findIn(refused).isPresent()) {
                return false;
            }
            return guard.locked(uuid, () -> endRefused(pending, payment, rerun, refused));
        }
    }

    /**
     * Ends an operation that can no longer run: what it finished (its 3Bot recorded) is kept and paid for; anything
     * else it did is undone and the user refunded in full.
     */
    private boolean endRefused(PaidOperations.Pending pending, UserPayment payment, PaidOperations.Rerun rerun,
                               DeployerException refused) {
        String operation = payment.operationId();
        Optional<DeploymentJournal> journal = c.store().get(DeploymentJournal.KIND, operation,
                DeploymentJournal.class).map(io.threebot.deployer.spi.Versioned::value);
        if (journal.filter(j -> j.hasResult() || j.outcome() == DeploymentJournal.Outcome.SUCCEEDED).isPresent()) {
            c.billing().settle(payment.id(), operation);
        } else {
            if (journal.isPresent() && !journal.get().outcome().ended()) {
                GridIdentity identity = c.identities().registered(IdentityNames.of(pending.owner(),
                        journal.get().threebotName()), rerun.password());
                c.deployment().undo(operation, identity, pending.kind().description() + " could not be finished: "
                        + refused.getMessage());
            }
            c.billing().refundInFull(payment.id(), operation, pending.kind().description() + " could not be "
                    + "finished");
        }
        operations.end(payment.id());
        LOG.info("{} could not run again ({}); it was ended", pending, refused.getMessage());
        return true;
    }

    private Threebot extendPool(String operation, Threebot threebot, GridIdentity identity, String paymentId,
                                int days, Progress progress) {
        Capacity capacity = threebot.flavor().capacity();
        Duration period = Duration.ofDays(days);
        Saga saga = Saga.open(c.store(), operation, threebot.owner(), threebot.name(), c.clock());
        Pool pool = c.grid().getPool(threebot.poolId())
                .orElseThrow(() -> new InvalidStateException("The pool of 3Bot '" + threebot.name()
                        + "' is gone; start the 3Bot again instead."));
        try {
            if (saga.journal().outcome().undoing()) {
                // taken up again after a runner began undoing it: it finishes the undoing
                throw new StopFlowException(saga.journal().failure());
            }
            c.pools().fund(saga, threebot.owner(), new PaidPurchase(paymentId, PurchaseKind.EXTEND), threebot.uuid(),
                    threebot.name(), threebot.flavor(), days);
            c.pools().provision(saga, "pool", identity, pool.poolId(), pool.nodeIds(),
                    capacity.computeUnitSeconds(period), capacity.storageUnitSeconds(period), progress);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LifecycleException("Interrupted while extending 3Bot '" + threebot.name() + "'.", e);
        } catch (RuntimeException e) {
            if (StoreUnavailableException.findIn(e).isPresent() || FenceScope.leaseLost(e)) {
                throw e; // nothing is undone for an outage or by a runner that lost the operation
            }
            saga.beginUndoing(e.getMessage() == null ? "The extension failed." : e.getMessage());
            c.pools().refundAll(saga, "pool extension " + saga.id() + " failed");
            saga.end(DeploymentJournal.Outcome.COMPENSATED, e.getMessage());
            throw new LifecycleException("Extending 3Bot '" + threebot.name() + "' failed: " + e.getMessage(), e);
        }
        saga.end(DeploymentJournal.Outcome.SUCCEEDED, "");
        // the payment is made final by the operation (paid) once the 3Bot shows its new time
        return c.threebots().update(threebot.uuid(), t -> t.withExpiresAt(c.grid().getPool(t.poolId())
                .flatMap(Pool::emptyAt).or(t::expiresAt)));
    }

    /** A start that buys nothing needs a pool with time left; one that ran dry would leave the 3Bot dead. */
    private void requireTimeOrPayment(Threebot threebot, Optional<String> paymentId) {
        if (paymentId.isEmpty() && poolTimeLeft(threebot.owner(), threebot.uuid()).compareTo(MIN_TIME_TO_START) < 0) {
            throw new PaymentRequiredException("The capacity pool of 3Bot '" + threebot.name() + "' ran dry (or has "
                    + "less than an hour left): buy at least 1 day to start it.");
        }
    }
}
