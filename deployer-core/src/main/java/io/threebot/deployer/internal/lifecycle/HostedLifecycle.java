package io.threebot.deployer.internal.lifecycle;

import static io.threebot.deployer.internal.lifecycle.OperationRules.NOT_DELETED;
import static io.threebot.deployer.internal.lifecycle.OperationRules.requireState;

import io.threebot.deployer.billing.PaymentRequiredException;
import io.threebot.deployer.billing.PurchaseKind;
import io.threebot.deployer.errors.StopFlowException;
import io.threebot.deployer.internal.deploy.AccountFunding;
import io.threebot.deployer.internal.deploy.DeploymentJournal;
import io.threebot.deployer.internal.deploy.PaidPurchase;
import io.threebot.deployer.internal.deploy.PoolProvisioner;
import io.threebot.deployer.internal.deploy.Saga;
import io.threebot.deployer.internal.grid.CapacityFinder.EligibleFarm;
import io.threebot.deployer.internal.grid.HostedCatalog;
import io.threebot.deployer.internal.store.FenceScope;
import io.threebot.deployer.internal.deploy.SealedJson;
import io.threebot.deployer.lifecycle.InvalidStateException;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.LocationPolicy;
import io.threebot.deployer.spi.HostingOrder;
import io.threebot.deployer.spi.HostingPlan;
import io.threebot.deployer.spi.SecretSealer;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreUnavailableException;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.internal.deploy.HostedRecords;
import io.threebot.deployer.internal.deploy.HostingCalls;
import io.threebot.deployer.internal.deploy.IdentityService;
import io.threebot.deployer.internal.deploy.ReadinessWaiter;
import io.threebot.deployer.internal.deploy.ThreebotRepository;
import io.threebot.deployer.lifecycle.LifecycleException;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.HostedThreebot;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.spi.ThreebotHosting;
import io.threebot.deployer.crypto.IdentityKeys;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Stop, start and restart of a 3Bot on a hosting grid (TFGrid v3): a stop cancels the contracts its capacity is billed
 * for and keeps its account and name; a start deploys its plan again, paid from what its account holds, with every
 * step journaled in its record so that a start cut short resumes without creating anything twice.
 */
final class HostedLifecycle {
    private static final String CHANGE_PLAN = "change-plan";
    /**
     * The change's journal entries, sealed (a grid's entry may hold a plan placed again, with its keys), in order; the
     * plain {@code change-entry-} entries of changes begun before are not read back.
     */
    private static final String CHANGE_ENTRY = "change-sealed-entry-";
    private final OperationGuard guard;
    private final OwnerAccess access;
    private final ThreebotHosting hosting;
    private final HostedRecords records;
    private final IdentityService identities;
    private final ThreebotRepository threebots;
    private final ReadinessWaiter readiness;
    private final Duration readinessTimeout;
    private final Clock clock;
    private final PaidOperationRunner paid;
    private final PoolProvisioner pools;
    private final AccountFunding accounts;
    private final HostedCatalog catalog;
    private final PlanPlacement placement;
    private final SealedJson json;
    private final StateStore store;

    /** What a change of size or place works with beside the parts a stop and start need. */
    record Payments(PaidOperationRunner paid, PoolProvisioner pools, SecretSealer sealer, StateStore store) {
    }

    HostedLifecycle(OperationGuard guard, OwnerAccess access, ThreebotHosting hosting, HostedRecords records,
                    IdentityService identities, ThreebotRepository threebots, ReadinessWaiter readiness,
                    Duration readinessTimeout, Clock clock, Payments payments) {
        this.paid = payments.paid();
        this.pools = payments.pools();
        this.accounts = new AccountFunding(hosting, payments.pools());
        this.catalog = new HostedCatalog(hosting);
        this.placement = new PlanPlacement(catalog);
        this.json = new SealedJson(payments.sealer());
        this.store = payments.store();
        this.guard = guard;
        this.access = access;
        this.hosting = hosting;
        this.records = records;
        this.identities = identities;
        this.threebots = threebots;
        this.readiness = readiness;
        this.readinessTimeout = readinessTimeout;
        this.clock = clock;
    }

    /** Cancels the contracts the 3Bot's capacity is billed for; its account, name and backups stay. */
    Threebot stop(String owner, String uuid, String password) {
        return guard.locked(uuid, () -> {
            Threebot threebot = access.verify(owner, uuid, password);
            requireState(threebot, ThreebotState::isLive, "stop");
            return stopped(threebot, password);
        });
    }

    private Threebot stopped(Threebot threebot, String password) {
        return stopped(threebot, record(threebot), password).threebot();
    }

    /** The 3Bot stopped, and its hosted record as the stop left it (what a restart starts from). */
    private Stopped stopped(Threebot threebot, HostedThreebot hosted, String password) {
        HostedThreebot stopped = call(threebot, "stopped", () -> hosting.stop(keys(threebot, password), hosted));
        records.save(threebot.uuid(), threebot.owner(), stopped);
        return new Stopped(threebots.update(threebot.uuid(), t -> t.withState(ThreebotState.STOPPED)), stopped);
    }

    /** A stopped 3Bot and its hosted record. */
    private record Stopped(Threebot threebot, HostedThreebot hosted) {
    }

    /**
     * Deploys a stopped 3Bot's plan again, paid from its account; it needs at least
     * {@link ThreebotService#MIN_TIME_TO_START} of funds at its size (an extension tops it up).
     */
    Threebot start(String owner, String uuid, String password, Progress progress) {
        return guard.locked(uuid, () -> {
            Threebot threebot = access.verify(owner, uuid, password);
            requireState(threebot, state -> state == ThreebotState.STOPPED, "start");
            return started(threebot, record(threebot), password, progress);
        });
    }

    /** Stops the 3Bot if it runs, then starts it again. */
    Threebot restart(String owner, String uuid, String password, Progress progress) {
        return guard.locked(uuid, () -> {
            Threebot threebot = access.verify(owner, uuid, password);
            requireState(threebot, NOT_DELETED, "restart");
            HostedThreebot hosted = record(threebot);
            Stopped stopped = threebot.state().isLive() ? stopped(threebot, hosted, password)
                    : new Stopped(threebot, hosted);
            return started(stopped.threebot(), stopped.hosted(), password, progress);
        });
    }

    private Threebot started(Threebot threebot, HostedThreebot hosted, String password, Progress progress) {
        Duration left = funded(threebot, hosted, "extend it to start it");
        List<String> journaled = new ArrayList<>(hosted.journaled());
        HostedThreebot running = call(threebot, "started", () -> hosting.deploy(keys(threebot, password),
                hosted.plan(), List.copyOf(journaled), entry -> {
                    journaled.add(entry);
                    records.save(threebot.uuid(), threebot.owner(), new HostedThreebot(hosted.account(),
                            hosted.plan(), journaled));
                }, progress));
        records.save(threebot.uuid(), threebot.owner(), running);
        if (PlanPlacement.differs(threebot, running.plan())) {
            // the grid placed the VM on another node (one refused it): the record says so before the wait
            threebots.update(threebot.uuid(), placement.of(threebot, threebot.flavor(), running.plan()));
        }
        progress.update("Waiting for your 3Bot to answer at " + threebot.url() + ".");
        boolean answers = call(threebot, "started", () -> readiness.await(URI.create(threebot.url()),
                readinessTimeout, progress));
        return threebots.update(threebot.uuid(), t -> t.withState(answers ? ThreebotState.RUNNING
                : ThreebotState.ERROR).withExpiresAt(Optional.of(clock.instant().plus(left))));
    }

    /**
     * Resizes the running 3Bot on its node without downtime; the days paid for (at the new size) top up its account
     * once the change is made.
     */
    Threebot changeSize(String owner, String uuid, String password, Flavor flavor, Optional<String> paymentId,
                        Progress progress) {
        return change(owner, uuid, password, threebot -> new Target(flavor, List.of(), Optional.empty()),
                PurchaseKind.CHANGE_SIZE, paymentId, progress);
    }

    /** Moves the running 3Bot where the location policy allows, keeping its address; as {@link #changeSize}. */
    Threebot changeLocation(String owner, String uuid, String password, LocationPolicy location,
                            Optional<String> paymentId, Progress progress) {
        Optional<String> node = location instanceof LocationPolicy.OnNode onNode ? Optional.of(onNode.nodeId())
                : Optional.empty();
        return change(owner, uuid, password, threebot -> {
            List<Long> farms = catalog.allowedBy(location, catalog.farmsFor(threebot.flavor())).stream()
                    .map(EligibleFarm::id).toList();
            if (farms.isEmpty()) {
                throw new InvalidStateException("No farm at " + location + " has room for a "
                        + threebot.flavor().displayName() + " 3Bot on " + hosting.gridName() + " now.");
            }
            return new Target(threebot.flavor(), farms, node);
        }, PurchaseKind.CHANGE_LOCATION, paymentId, progress);
    }

    /** Moves the running 3Bot to one of the farms (or the node) chosen; as {@link #changeSize}. */
    Threebot changeLocation(String owner, String uuid, String password, List<EligibleFarm> farms,
                            Optional<String> nodeId, Optional<String> paymentId, Progress progress) {
        List<Long> farmIds = farms.stream().map(EligibleFarm::id).toList();
        return change(owner, uuid, password, threebot -> new Target(threebot.flavor(), farmIds, nodeId),
                PurchaseKind.CHANGE_LOCATION, paymentId, progress);
    }

    /** What a change makes of the 3Bot: its size, and the farms (or the node) it may run on; none keeps it. */
    private record Target(Flavor flavor, List<Long> farms, Optional<String> nodeId) {
    }

    /**
     * The change, once the 3Bot is read (once, under its lease, with the password checked) and {@code target} says
     * where it goes.
     */
    private Threebot change(String owner, String uuid, String password, Function<Threebot, Target> target,
                            PurchaseKind kind, Optional<String> paymentId, Progress progress) {
        return guard.locked(uuid, () -> {
            Threebot threebot = access.verify(owner, uuid, password);
            requireState(threebot, ThreebotState::isLive, kind == PurchaseKind.CHANGE_SIZE ? "resize" : "move");
            Optional<PaidOperations.Pending> stranded = paid.unpaidChange(uuid);
            if (stranded.isPresent()) {
                // a change without a payment was cut short (a crash, a take-over): it is finished first, under its
                // id, from its journal, so nothing it made is left behind; asked for again, that is all
                PaidOperations.Pending was = stranded.get();
                Threebot resumed = unpaid(threebot, password, was.kind(), new Target(was.flavor(),
                        was.farms().stream().map(EligibleFarm::id).toList(), was.nodeId()), progress);
                Target asked = target.apply(resumed);
                if (paymentId.isEmpty() && was.kind() == kind && was.flavor() == asked.flavor()
                        && was.nodeId().equals(asked.nodeId())) {
                    return resumed;
                }
                threebot = resumed;
            }
            if (paymentId.isEmpty()) {
                if (kind == PurchaseKind.CHANGE_LOCATION) {
                    funded(threebot, record(threebot), "pay for at least 1 day to move it"); // the account pays
                }
                return unpaid(threebot, password, kind, target.apply(threebot), progress);
            }
            Threebot current = threebot;
            Target to = target.apply(threebot);
            return paid.run(threebot, kind, to.flavor(), paymentId, rerun(password, to),
                    (operation, days) -> changed(operation, current, password, to.flavor(), order(current, to),
                            paymentId.map(id -> new PaidPurchase(id, kind)), days, progress));
        });
    }

    /** A change without a payment, under an operation id kept until it ends (a stranded one's, resumed). */
    private Threebot unpaid(Threebot threebot, String password, PurchaseKind kind, Target to, Progress progress) {
        return paid.runUnpaid(threebot, kind, to.flavor(), rerun(password, to),
                (operation, days) -> changed(operation, threebot, password, to.flavor(), order(threebot, to),
                        Optional.empty(), days, progress));
    }

    /** How the change is run again: every farm it may go to (one the catalog no longer lists by its id alone). */
    private PaidOperations.Rerun rerun(String password, Target to) {
        if (to.farms().isEmpty()) {
            return new PaidOperations.Rerun(password, List.of(), to.nodeId());
        }
        Map<Long, EligibleFarm> known = new java.util.HashMap<>();
        catalog.farmsFor(to.flavor()).forEach(f -> known.put(f.id(), f));
        return new PaidOperations.Rerun(password, to.farms().stream()
                .map(id -> known.getOrDefault(id, new EligibleFarm(id, "", ""))).toList(), to.nodeId());
    }

    private static HostingOrder order(Threebot threebot, Target to) {
        return new HostingOrder(threebot.name(), to.flavor(), to.farms(), to.nodeId(), Map.of());
    }

    /**
     * How long the 3Bot's account pays for it at its size, when at least {@link ThreebotService#MIN_TIME_TO_START}:
     * what a start, or a move without a payment, runs on.
     *
     * @param remedy what the owner does when it holds less, as the error says it
     * @throws PaymentRequiredException when the account pays for less
     */
    private Duration funded(Threebot threebot, HostedThreebot hosted, String remedy) {
        Duration left = HostedOperations.timeLeft(hosting, threebot, hosted);
        if (left.compareTo(ThreebotService.MIN_TIME_TO_START) < 0) {
            throw new PaymentRequiredException("The account of 3Bot '" + threebot.name() + "' on "
                    + hosting.gridName() + " pays for less than an hour more: " + remedy + ".");
        }
        return left;
    }

    /** The change as a journaled operation: payment taken, plan sealed, change made, the account topped up. */
    private Threebot changed(String operation, Threebot threebot, String password, Flavor flavor, HostingOrder where,
                             Optional<PaidPurchase> payment, int days, Progress progress) {
        Saga saga = Saga.open(store, operation, threebot.owner(), threebot.name(), clock);
        HostedThreebot hosted = record(threebot);
        try {
            if (saga.journal().outcome().undoing()) {
                throw new StopFlowException(saga.journal().failure());
            }
            payment.ifPresent(p -> pools.fund(saga, threebot.owner(), p, threebot.uuid(), threebot.name(), flavor,
                    days));
            IdentityKeys keys = keys(threebot, password);
            String sealed = saga.step(CHANGE_PLAN, String.class, () -> json.seal(call(threebot, "changed",
                    () -> hosting.planChange(keys, hosted, flavor, where))));
            HostingPlan plan = json.open(sealed, HostingPlan.class);
            progress.update("Your 3Bot moves to node " + plan.nodeId() + " as a " + flavor.displayName()
                    + "; it keeps answering until the new one does.");
            List<String> journaled = changeJournal(saga);
            int[] next = {journaled.size()};
            HostedThreebot now = call(threebot, "changed", () -> hosting.change(keys, hosted, plan, journaled,
                    entry -> saga.record(CHANGE_ENTRY + String.format("%04d", next[0]++), json.seal(entry)),
                    progress));
            records.save(threebot.uuid(), threebot.owner(), now);
            accounts.fund(saga, hosted.account(), progress);
            saga.end(DeploymentJournal.Outcome.SUCCEEDED, "");
            return threebots.update(threebot.uuid(), placement.of(threebot, flavor, now.plan()));
        } catch (RuntimeException e) {
            if (StoreUnavailableException.findIn(e).isPresent() || FenceScope.leaseLost(e)
                    || Thread.currentThread().isInterrupted()) {
                throw e; // nothing is undone for an outage, by a runner that lost the operation, or at shutdown
            }
            String why = e.getMessage() == null ? "The change failed." : e.getMessage();
            saga.beginUndoing(why);
            pools.refundAll(saga, "change " + saga.id() + " failed");
            saga.end(DeploymentJournal.Outcome.COMPENSATED, why);
            throw e instanceof LifecycleException ? e : new LifecycleException("3Bot '" + threebot.name()
                    + "' could not be changed: " + why, e);
        }
    }



    /** What the change's earlier runs journaled, in order (the keys are numbered). */
    private List<String> changeJournal(Saga saga) {
        return saga.journal().entries().entrySet().stream()
                .filter(e -> e.getKey().startsWith(CHANGE_ENTRY) && e.getValue().value() != null
                        && e.getValue().value().isTextual())
                .sorted(Map.Entry.comparingByKey())
                .map(e -> json.open(e.getValue().value().textValue(), String.class)).toList();
    }

    private HostedThreebot record(Threebot threebot) {
        return records.find(threebot.uuid()).orElseThrow(() -> new LifecycleException("3Bot '" + threebot.name()
                + "' has no record on " + hosting.gridName() + "; please contact support."));
    }

    private IdentityKeys keys(Threebot threebot, String password) {
        return identities.keys(threebot.identityName(), password);
    }

    /** A call to the hosting grid, its failures said as the owner reads them. */
    private <T> T call(Threebot threebot, String becoming, HostingCalls.Call<T> call) {
        try {
            return HostingCalls.interruptible(call, e -> new LifecycleException("The deployer is shutting down; 3Bot '"
                    + threebot.name() + "' was not " + becoming + ". Try again once it is back.", e));
        } catch (LifecycleException | PaymentRequiredException e) {
            throw e;
        } catch (DeployerException e) {
            throw new LifecycleException("3Bot '" + threebot.name() + "' could not be " + becoming + " on "
                    + hosting.gridName() + ": " + e.getMessage(), e);
        }
    }
}
