package io.threebot.deployer.internal.lifecycle;

import io.threebot.deployer.internal.deploy.HostedRecords;
import io.threebot.deployer.internal.deploy.AccountFunding;
import io.threebot.deployer.internal.deploy.ReadinessWaiter;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.billing.PurchaseKind;
import io.threebot.deployer.spi.HostedThreebot;
import io.threebot.deployer.spi.ThreebotHosting;
import io.threebot.deployer.billing.Purchase;
import io.threebot.deployer.billing.SpendingLimitException;
import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.internal.billing.UserBilling;
import io.threebot.deployer.internal.deploy.PasswordGuard;
import io.threebot.deployer.internal.deploy.SharedCollaborators;
import io.threebot.deployer.internal.deploy.ThreebotDeployment;
import io.threebot.deployer.internal.grid.CapacityFinder.EligibleFarm;
import io.threebot.deployer.internal.grid.WorkloadWatcher;
import io.threebot.deployer.internal.store.Leases;
import io.threebot.deployer.lifecycle.DamagedThreebot;
import io.threebot.deployer.lifecycle.DamagedThreebotException;
import io.threebot.deployer.lifecycle.InvalidStateException;
import io.threebot.deployer.lifecycle.OperationInProgressException;
import io.threebot.deployer.lifecycle.ThreebotNotFoundException;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.model.Expiry;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.LocationPolicy;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.spi.BackupServers;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.spi.StoreUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 *
 * <p>The service hands each call to the class that does that job: {@link ThreebotLookup} (listing and state),
 * {@link OwnerAccess} (the recovery password), {@link StopAndStart}, {@link ResizeAndMove}, {@link PoolExtension},
 * {@link RenewalCycle}, {@link Destruction}, {@link PurchaseRequests} and {@link StrandedOperations}; they share the
 * per-3Bot {@link OperationGuard}, the {@link PaidOperationRunner}, {@link WorkloadRemoval} and {@link Redeployment}.
 */
public final class ThreebotService {
    /** A builder that takes each collaborator by name, so that two of one type cannot be swapped unnoticed. */
    public static Builder builder() {
        return new Builder();
    }

    /** Names the collaborators one by one, the shared ones as well; {@link #build()} requires every one. */
    public static final class Builder extends SharedCollaborators<Builder> {
        private Optional<ThreebotHosting> hosting = Optional.empty();
        private HostedRecords hostedRecords;
        private ReadinessWaiter hostedReadiness;
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

        /** The listing of 3Bots with their live state. */
        public Builder lister(ThreebotLister value) {
            this.lister = value;
            return this;
        }

        /** The limit on wrong recovery passwords. */
        public Builder passwords(PasswordGuard value) {
            this.passwords = value;
            return this;
        }

        /** The poller that waits for workloads to be removed. */
        public Builder watcher(WorkloadWatcher value) {
            this.watcher = value;
            return this;
        }

        /** The backup servers whose accounts a destroy removes. */
        public Builder backups(BackupServers value) {
            this.backups = value;
            return this;
        }

        /** The deployment that a start, restart, resize or move runs again. */
        public Builder deployment(ThreebotDeployment value) {
            this.deployment = value;
            return this;
        }

        /** The users' payment requests. */
        public Builder billing(UserBilling value) {
            this.billing = value;
            return this;
        }

        /** The owners' auto-renew choices. */
        public Builder renewals(AutoRenewals value) {
            this.renewals = value;
            return this;
        }

        /**
         * The hosting grid new 3Bots are deployed on, when the deployer has one (TFGrid v3), and the records of the
         * 3Bots it runs.
         */
        public Builder hosting(Optional<ThreebotHosting> value, HostedRecords records, ReadinessWaiter readiness) {
            this.hosting = value;
            this.hostedRecords = records;
            this.hostedReadiness = readiness;
            return this;
        }

        /** This instance's leases, one per 3Bot an operation runs on. */
        public Builder leases(Leases value) {
            this.leases = value;
            return this;
        }

        /**
         * Wires the service's parts, each doing one job, from the collaborators named.
         *
         * @throws NullPointerException naming the first collaborator not given
         */
        public ThreebotService build() {
            requireAll();
            PaidOperations operations = new PaidOperations(store, sealer);
            OperationGuard guard = new OperationGuard(leases);
            ThreebotLookup lookup = new ThreebotLookup(threebots, lister, grid, events, clock);
            HostedOperations hosted = new HostedOperations(hosting, hostedRecords, identities);
            OwnerAccess access = new OwnerAccess(lookup, passwords, hasher, identities, deployment, hosted);
            WorkloadRemoval removal = new WorkloadRemoval(grid, watcher, settings.stopTimeout(), threebots, store,
                    clock, access);
            Redeployment redeployment = new Redeployment(deployment, removal, access, threebots, store, clock);
            PaidOperationRunner paid = new PaidOperationRunner(billing, operations, clock);
            Optional<HostedLifecycle> onHosting = hosting.map(h -> new HostedLifecycle(guard, access, h, hostedRecords,
                    identities, threebots, hostedReadiness, settings.readinessTimeout(), clock,
                    new HostedLifecycle.Payments(paid, pools, sealer, store)));
            StopAndStart stopAndStart = new StopAndStart(guard, access, lookup, removal, paid, redeployment);
            ResizeAndMove resizeAndMove = new ResizeAndMove(guard, access, lookup, paid, redeployment, capacity, grid,
                    hosted, onHosting);
            PoolExtension extension = new PoolExtension(guard, access, paid, grid, pools, threebots, store, clock,
                    hosted, hosting.map(h -> new AccountFunding(h, pools)));
            RenewalCycle renewalCycle = new RenewalCycle(guard, access, lookup, paid, extension, renewals, billing,
                    threebots);
            return new ThreebotService(lookup, access, stopAndStart, resizeAndMove, extension, renewalCycle,
                    new Destruction(guard, access, removal, backups, threebots, names, store, renewalCycle, hosted),
                    new PurchaseRequests(lookup, billing),
                    new StrandedOperations(operations, guard, billing, store, clock, identities, deployment,
                            stopAndStart, resizeAndMove, extension), hosted, onHosting);
        }

        private void requireAll() {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(threebots, "threebots");
            Objects.requireNonNull(lister, "lister");
            Objects.requireNonNull(passwords, "passwords");
            Objects.requireNonNull(hasher, "hasher");
            Objects.requireNonNull(identities, "identities");
            Objects.requireNonNull(grid, "grid");
            Objects.requireNonNull(watcher, "watcher");
            Objects.requireNonNull(backups, "backups");
            Objects.requireNonNull(deployment, "deployment");
            Objects.requireNonNull(capacity, "capacity");
            Objects.requireNonNull(pools, "pools");
            Objects.requireNonNull(billing, "billing");
            Objects.requireNonNull(names, "names");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(renewals, "renewals");
            Objects.requireNonNull(leases, "leases");
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(sealer, "sealer");
        }
    }

    private final ThreebotLookup lookup;
    private final OwnerAccess access;
    private final StopAndStart stopAndStart;
    private final ResizeAndMove resizeAndMove;
    private final PoolExtension extension;
    private final RenewalCycle renewals;
    private final Destruction destruction;
    private final PurchaseRequests purchases;
    private final StrandedOperations stranded;
    private final HostedOperations hosted;
    private final Optional<HostedLifecycle> hostedLifecycle;

    /** The parts doing the service's jobs; each is of its own type, so none can take another's place. */
    private ThreebotService(ThreebotLookup lookup, OwnerAccess access, StopAndStart stopAndStart,
                            ResizeAndMove resizeAndMove, PoolExtension extension, RenewalCycle renewals,
                            Destruction destruction, PurchaseRequests purchases, StrandedOperations stranded,
                            HostedOperations hosted, Optional<HostedLifecycle> hostedLifecycle) {
        this.hosted = hosted;
        this.hostedLifecycle = hostedLifecycle;
        this.lookup = lookup;
        this.access = access;
        this.stopAndStart = stopAndStart;
        this.resizeAndMove = resizeAndMove;
        this.extension = extension;
        this.renewals = renewals;
        this.destruction = destruction;
        this.purchases = purchases;
        this.stranded = stranded;
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
        Optional<HostedThreebot> onHost = hosted.of(threebot);
        if (onHost.isPresent()) {
            return hosted.timeLeft(threebot, onHost.get());
        }
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
        if (hosted.hosts(uuid)) {
            return hostedLifecycle.orElseThrow().stop(owner, uuid, password);
        }
        return stopAndStart.stop(owner, uuid, password);
    }

    /** Stops the 3Bot if it runs, removes its backup accounts and its network, and marks it DELETED. */
    public Threebot destroy(String owner, String uuid, String password) {
        return destruction.destroy(owner, uuid, password);
    }

    /**
     * Opens a payment request for something the owner wants to buy for one of their 3Bots; the operation then takes
     * its id. Nothing is bought until the request is paid.
     *
     * @throws InvalidStateException      when the 3Bot cannot take that operation now
     * @throws SpendingLimitException     when the days or the operator's daily cap refuse it (nothing opened)
     */
    public UserPayment requestPayment(String owner, String uuid, Purchase purchase) {
        if ((purchase.kind() == PurchaseKind.START || purchase.kind() == PurchaseKind.RESTART)
                && isHosted(owner, uuid)) {
            String verb = purchase.kind() == PurchaseKind.START ? "start" : "restart";
            throw new InvalidStateException("On this grid a " + verb + " buys no days: extend the 3Bot instead, then "
                    + verb + " it; nothing was bought.");
        }
        return purchases.requestPayment(owner, uuid, purchase);
    }

    /**
     * Deploys a stopped 3Bot again, on its farm, pool, gateway and domain, with a new solution id.
     *
     * @param paymentId a paid request for {@link Purchase#start} (days added to its pool), or empty to add none
     */
    public Threebot start(String owner, String uuid, String password, Optional<String> paymentId,
                          Progress progress) {
        if (hosted.hosts(uuid)) {
            refusePaymentIfHosted(paymentId, "start");
            return hostedLifecycle.orElseThrow().start(owner, uuid, password, progress);
        }
        return stopAndStart.start(owner, uuid, password, paymentId, progress);
    }

    /** Stops the 3Bot if it runs, then starts it again; {@code paymentId} as for {@link #start}. */
    public Threebot restart(String owner, String uuid, String password, Optional<String> paymentId,
                            Progress progress) {
        if (hosted.hosts(uuid)) {
            refusePaymentIfHosted(paymentId, "restart");
            return hostedLifecycle.orElseThrow().restart(owner, uuid, password, progress);
        }
        return stopAndStart.restart(owner, uuid, password, paymentId, progress);
    }

    /**
     * Deploys the 3Bot again with another size, on its farm and pool (stopping it first if it runs).
     *
     * @param paymentId a paid request for {@link Purchase#changeSize}, or empty to add no days
     */
    public Threebot changeSize(String owner, String uuid, String password, Flavor flavor,
                               Optional<String> paymentId, Progress progress) {
        return resizeAndMove.changeSize(owner, uuid, password, flavor, paymentId, progress);
    }

    /**
     * Deploys the 3Bot again where the location policy allows, keeping its domain. A farm where the 3Bot's identity
     * still has a pool with time left is preferred and that pool used again; elsewhere a new pool is bought. On a
     * hosting grid the 3Bot's account pays wherever it runs: a move needs a payment only when the account holds less
     * than {@link #MIN_TIME_TO_START} ({@link #moveIsPaidByItsAccount}); the days paid for top it up.
     *
     * @param location  automatic, a continent, a farm or a node; only farms with room for the 3Bot count
     * @param paymentId a paid request for {@link Purchase#changeLocation}; required unless a pool is used again, or
     *                  the 3Bot's account on a hosting grid pays for the move
     * @throws InvalidStateException when no farm of that choice has room (nothing changes)
     */
    public Threebot changeLocation(String owner, String uuid, String password, LocationPolicy location,
                                   Optional<String> paymentId, Progress progress) {
        return resizeAndMove.changeLocation(owner, uuid, password, location, paymentId, progress);
    }

    /**
     * Deploys the 3Bot again on one of the candidate farms (the location policy's choice), keeping its domain. A farm
     * where the 3Bot's identity still has a pool with time left is preferred, and that pool is used again; elsewhere
     * a new pool is bought, which needs a paid request. On a hosting grid, as the other {@code changeLocation}.
     *
     * @param candidates the farms the owner's location policy allows; only those with room for the 3Bot count
     * @param nodeId     a node of one of them, or empty to let the deployer choose
     */
    public Threebot changeLocation(String owner, String uuid, String password, List<EligibleFarm> candidates,
                                   Optional<String> nodeId, Optional<String> paymentId, Progress progress) {
        return resizeAndMove.changeLocation(owner, uuid, password, candidates, nodeId, paymentId,
                progress);
    }

    /**
     * How long the pool lasts that moving the 3Bot to one of the candidate farms would use again (a pool its identity
     * already has there, with at least an hour left at its size), so that the move needs no payment; empty when the
     * move buys a new pool.
     */
    public Optional<Duration> reusedPoolTimeLeft(String owner, String uuid, List<EligibleFarm> candidates,
                                                 Optional<String> nodeId) {
        return resizeAndMove.reusedPoolTimeLeft(owner, uuid, candidates, nodeId);
    }

    /**
     * Buys more capacity for the 3Bot's pool, so it runs as many days longer as the payment bought; the payment is
     * refunded in full when the extension fails.
     *
     * @param paymentId a paid request for {@link Purchase#extend}
     */
    public Threebot extend(String owner, String uuid, String password, String paymentId, Progress progress) {
        return extension.extend(owner, uuid, password, paymentId, progress);
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
        renewals.autoRenew(owner, uuid, password, days);
    }

    /** Turns auto-renew off for the 3Bot, withdraws a renewal request still unpaid, and forgets its key. */
    public boolean stopAutoRenew(String owner, String uuid) {
        return renewals.stopAutoRenew(owner, uuid);
    }

    /** The days auto-renew buys for the 3Bot, or empty when it is off. */
    public Optional<Integer> autoRenewDays(String owner, String uuid) {
        return renewals.autoRenewDays(owner, uuid);
    }

    /**
     * Asks the owner to pay for the next renewal of a 3Bot whose pool runs dry soon, payable until it runs dry; empty
     * when auto-renew is off for it or a request is already open.
     */
    public Optional<UserPayment> requestRenewal(Threebot threebot) {
        return renewals.requestRenewal(threebot);
    }

    /**
     * Extends the pools whose renewal the owner paid (refunded in full when the extension fails) and drops the
     * requests that closed without being used; requests still open, or whose renewal could not run yet, wait for the
     * next call. One renewal failing stops no other.
     */
    public List<RenewalOutcome> completeRenewals() {
        return renewals.completeRenewals();
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
        return stranded.resumeStrandedOperations(olderThan);
    }

    /**
     * Whether a start or restart of the owner's 3Bot buys no days: a 3Bot on a hosting grid (TFGrid v3) runs on what
     * its account holds, which an {@link #extend extension} tops up.
     */
    public boolean startBuysNoDays(String owner, String uuid) {
        return isHosted(owner, uuid);
    }

    /**
     * Whether a move of the owner's 3Bot needs no payment: on a hosting grid (TFGrid v3) its account pays for it
     * wherever it runs, so a move costs nothing more while the account holds at least {@link #MIN_TIME_TO_START} at
     * its size. On the explorer grid a move buys a new pool (or uses one again: see {@link #reusedPoolTimeLeft}).
     */
    public boolean moveIsPaidByItsAccount(String owner, String uuid) {
        Threebot threebot = lookup.get(owner, uuid);
        return hosted.hosts(threebot.uuid()) && poolTimeLeft(threebot).compareTo(MIN_TIME_TO_START) >= 0;
    }

    /** Whether the owner's 3Bot of that id runs on the hosting grid (TFGrid v3); another owner's is not found. */
    public boolean isHosted(String owner, String uuid) {
        return hosted.hosts(lookup.get(owner, uuid).uuid());
    }

    /**
     * A start on a hosting grid is paid from what the 3Bot's account holds; days are bought by an extension, so a
     * payment given with it is refused before anything is done.
     */
    private static void refusePaymentIfHosted(Optional<String> paymentId, String operation) {
        if (paymentId.isPresent()) {
            throw new InvalidInputException("paymentId", "a " + operation + " on this grid buys no days: extend the "
                    + "3Bot with the payment, then " + operation + " it without one");
        }
    }

}
