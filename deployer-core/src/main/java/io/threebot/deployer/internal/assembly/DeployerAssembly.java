package io.threebot.deployer.internal.assembly;

import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.internal.backup.BackupService;
import io.threebot.deployer.internal.backup.BackupTokens;
import io.threebot.deployer.internal.billing.OperatorSpending;
import io.threebot.deployer.internal.billing.UserBilling;
import io.threebot.deployer.internal.chat.ChatEngine;
import io.threebot.deployer.internal.chat.FlowDefinition;
import io.threebot.deployer.internal.crypto.PasswordHasher;
import io.threebot.deployer.internal.deploy.DomainSelector;
import io.threebot.deployer.internal.deploy.IdentityService;
import io.threebot.deployer.internal.deploy.JournalSweep;
import io.threebot.deployer.internal.deploy.NameReservations;
import io.threebot.deployer.internal.deploy.NetworkBuilder;
import io.threebot.deployer.internal.deploy.PasswordGuard;
import io.threebot.deployer.internal.deploy.PoolProvisioner;
import io.threebot.deployer.internal.deploy.ReadinessWaiter;
import io.threebot.deployer.internal.deploy.StrayWorkloads;
import io.threebot.deployer.internal.deploy.ThreebotDeployment;
import io.threebot.deployer.internal.deploy.ThreebotRepository;
import io.threebot.deployer.internal.deploy.WorkloadDeployer;
import io.threebot.deployer.internal.flows.MaintenanceFlows;
import io.threebot.deployer.internal.flows.ThreebotDeployFlow;
import io.threebot.deployer.internal.deploy.DeploySteps;
import io.threebot.deployer.internal.deploy.DeploymentNotices;
import io.threebot.deployer.internal.deploy.HostedDeployment;
import io.threebot.deployer.internal.deploy.HostedRecords;
import io.threebot.deployer.internal.grid.HostedCatalog;
import io.threebot.deployer.internal.grid.LocationCatalog;
import io.threebot.deployer.spi.ThreebotHosting;
import java.time.Duration;
import java.util.Optional;
import io.threebot.deployer.internal.grid.Blocklist;
import io.threebot.deployer.internal.grid.CapacityFinder;
import io.threebot.deployer.internal.grid.WorkloadWatcher;
import io.threebot.deployer.internal.lifecycle.AutoRenewals;
import io.threebot.deployer.internal.lifecycle.ExpiryWatch;
import io.threebot.deployer.internal.lifecycle.ThreebotLister;
import io.threebot.deployer.internal.lifecycle.ThreebotService;
import io.threebot.deployer.internal.store.FenceScope;
import io.threebot.deployer.internal.store.FencingStateStore;
import io.threebot.deployer.internal.store.Leases;
import io.threebot.deployer.internal.store.OutageBackoff;
import io.threebot.deployer.internal.store.SideEffectGuard;
import io.threebot.deployer.internal.support.DeployerExecutors;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.sim.SimulatedEntrypoint;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.spi.BackupServers;
import io.threebot.deployer.spi.DeploymentEvents;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.GridIdentity;
import io.threebot.deployer.spi.Payments;
import io.threebot.deployer.spi.SecretSealer;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.UserPayments;
import io.threebot.deployer.terms.TermsService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires a deployer's services together from its parts: the store fenced by leases, the grid, payments and backup
 * servers guarded against side effects by a runner that lost its lease, the deployment, the lifecycle service, the
 * chat engine and its flows, and the background work. Building it starts no thread ({@link DeployerExecutors});
 * {@link #close()} ends them all and closes what the deployer made for itself.
 */
public final class DeployerAssembly {
    private static final Logger LOG = LoggerFactory.getLogger(DeployerAssembly.class);
    /** How long {@link #close()} waits for the deployer's threads to end once told to stop. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final DeployerSettings settings;
    private final ChatEngine chats;
    private final ThreebotService lifecycle;
    private final ThreebotRepository threebots;
    private final DeployerExecutors executors;
    private final WorkloadWatcher watcher;
    private final Leases leases;
    private final UserBilling billing;
    private final BackupService backups;
    private final TermsService terms;
    private final JournalSweep journals;
    private final ExpiryWatch expiry;
    private final BackgroundWork background;
    private final List<AutoCloseable> owned;

    /**
     * Resolves the parts chosen (and their defaults) and wires the deployer's services from them; what was made for
     * the deployer is closed again when wiring fails.
     *
     * @throws IllegalStateException as {@link DeployerChoices#resolve()} does
     */
    public static DeployerAssembly assemble(DeployerChoices choices) {
        DeployerParts parts = choices.resolve();
        try {
            return new DeployerAssembly(parts);
        } catch (RuntimeException | Error e) {
            closeAll(parts.storage().owned());
            throw e;
        }
    }

    private DeployerAssembly(DeployerParts b) {
        this.owned = b.storage().owned();
        this.settings = b.settings();
        Clock clock = b.runtime().clock();
        Random random = b.runtime().random();
        SecretSealer sealer = b.storage().sealer();
        DeploymentEvents events = b.outputs().events();
        // work under a lease writes fenced by it, and checks it before every side effect outside the store
        StateStore store = new FencingStateStore(b.storage().store());
        // a workload sent by a runner that lost its lease while it sent is taken back at once, unless the runner
        // that holds the deployment now found it and took it as its own
        StrayWorkloads strays = new StrayWorkloads(store, b.grid().client());
        GridClient grid = SideEffectGuard.guard(GridClient.class, b.grid().client(),
                Set.of("registerUser", "reservePool", "deployWorkload", "decommission"),
                Map.of("deployWorkload", (args, id) -> strays.takeBack((Workload) args[0], (Long) id,
                        (GridIdentity) args[1])));
        Payments payments = SideEffectGuard.guard(Payments.class, b.grid().payments(), Set.of("pay", "refund"));
        UserPayments userPayments = SideEffectGuard.guard(UserPayments.class, b.grid().userPayments(),
                Set.of("refund"));
        BackupServers backupServers = SideEffectGuard.guard(BackupServers.class, b.outputs().backups(),
                Set.of("createUser", "deleteUser"));
        // pools only: no thread runs before start()
        this.executors = new DeployerExecutors(new DeployerExecutors.Sizes(
                settings.maxConcurrentSteps(), settings.workerThreads() * 2, settings.listingConcurrency()),
                b.runtime().flowExecutor());
        Blocklist<Blocklist.Nodes> blockedNodes = Blocklist.ofNodes(store, clock, settings.nodeBlockDuration());
        Blocklist<Blocklist.Domains> blockedDomains = Blocklist.ofDomains(store, clock,
                settings.nodeBlockDuration());
        this.watcher = new WorkloadWatcher(grid, clock, settings.pollInterval());
        this.threebots = new ThreebotRepository(store);
        this.leases = new Leases(b.storage().store(),
                b.runtime().instanceId().orElseGet(DeployerAssembly::defaultInstanceId), settings.leaseDuration(),
                Clock.systemUTC());
        IdentityService identities = new IdentityService(grid, settings.keyDerivation());
        CapacityFinder capacity = new CapacityFinder(grid, clock, blockedNodes, settings.overProvisioning(),
                executors.gridQueries());
        WorkloadDeployer workloads = new WorkloadDeployer(grid, watcher, clock, settings.workloadTimeout());
        OperatorSpending spending = new OperatorSpending(store, settings.billing().operatorDailyCapStroops(), clock);
        // a hosting grid's calls that move money or change what runs are checked against the work's lease first,
        // as the explorer grid's are
        Optional<ThreebotHosting> hosting = b.grid().hosting().map(h -> SideEffectGuard.guard(ThreebotHosting.class,
                h, Set.of("topUp", "reclaim", "plan", "deploy", "stop", "planChange", "change", "destroy")));
        this.billing = new UserBilling(store, userPayments, hosting.<UserBilling.PriceList>map(h ->
                (flavor, days) -> h.quote(flavor, Duration.ofDays(days))).orElseGet(() -> UserBilling.PriceList.of(grid)),
                settings.billing(), spending, clock, events);
        PoolProvisioner pools = new PoolProvisioner(grid, payments, billing, spending, clock,
                settings.pollInterval(), settings.poolPaymentTimeout());
        BackupTokens backupTokens = new BackupTokens(store, clock, random, settings.backupTokenLifetime());
        this.backups = new BackupService(grid, backupServers, backupTokens, b.storage().deployerKeys());
        if (b.grid().client() instanceof SimulatedGrid simulated) {
            // a simulated 3Bot sets up its backups with this deployer, as a real one does with the deployer it knows
            simulated.onContainerStarted(new SimulatedEntrypoint(backups)::started);
        }
        PasswordHasher hasher = new PasswordHasher(settings.passwordHashIterations(), random);
        NameReservations names = new NameReservations(store, clock);
        ReadinessWaiter readiness = new ReadinessWaiter(b.grid().reachability(), clock, settings.pollInterval(),
                settings.readinessRequestTimeout());
        ThreebotDeployment deployment = ThreebotDeployment.builder()
                .settings(settings).grid(grid).identities(identities).capacity(capacity).pools(pools)
                .networks(new NetworkBuilder(workloads, sealer, random))
                .domains(new DomainSelector(grid, b.grid().domains(), blockedDomains, clock, random))
                .workloads(workloads).tokens(backupTokens).threebots(threebots).logs(b.outputs().logs())
                .hasher(hasher)
                .blockedNodes(blockedNodes).blockedDomains(blockedDomains)
                .readiness(readiness)
                .sealer(sealer).executor(FenceScope.propagating(executors.gridBranches())).clock(clock)
                .random(random).store(store).events(events).names(names)
                .build();
        this.terms = new TermsService(store, settings.network(), clock);
        this.journals = new JournalSweep(store, clock, settings.journalRetention());
        PasswordGuard passwords = new PasswordGuard(store, clock, settings.maxPasswordFailures(),
                settings.maxPasswordFailuresPerOwner(), settings.passwordFailureWindow());
        HostedRecords hostedRecords = new HostedRecords(store, sealer);
        DeploySteps deploySteps = hosting.<DeploySteps>map(h -> new HostedDeployment(new HostedDeployment.Parts(
                settings, h, identities, pools, names, threebots, hostedRecords,
                backupTokens, hasher, readiness, sealer, store, new DeploymentNotices(events, clock), clock)))
                .orElse(deployment);
        LocationCatalog locations = hosting.<LocationCatalog>map(HostedCatalog::new).orElse(capacity);
        ThreebotDeployFlow deployFlow = new ThreebotDeployFlow(settings, identities, locations, threebots,
                deploySteps, terms, billing, passwords, names);
        this.lifecycle = ThreebotService.builder()
                .settings(settings).threebots(threebots)
                .lister(new ThreebotLister(threebots, grid, b.grid().reachability(), executors.probes(),
                        settings.listingProbeTimeout(), settings.expiryWarning(), hosting, hostedRecords))
                .passwords(passwords).hasher(hasher).identities(identities).grid(grid).watcher(watcher)
                .backups(backupServers).deployment(deployment).capacity(capacity).pools(pools).billing(billing)
                .names(names).store(store).clock(clock).renewals(new AutoRenewals(store, sealer))
                .leases(leases).events(events).sealer(sealer).hosting(hosting, hostedRecords, readiness)
                .build();
        this.expiry = new ExpiryWatch(threebots, lifecycle, store, events, b.outputs().expiryListeners(), clock,
                settings.expiryWarning());
        List<FlowDefinition> flows = new ArrayList<>();
        flows.add(deployFlow.definition());
        flows.addAll(new MaintenanceFlows(lifecycle, locations, billing, settings.pollInterval()).definitions());
        this.chats = ChatEngine.builder().flows(flows).store(store).sealer(sealer).clock(clock)
                .sharedExecutor(executors.flow()).sharedLeases(leases).outages(outagePolicy(settings))
                .limits(new ChatEngine.Limits(settings.maxOpenChatsPerOwner(), settings.sessionIdleTimeout()))
                .build();
        this.background = new BackgroundWork(settings, executors, chats, lifecycle, billing, expiry, journals, events,
                clock);
    }

    /** The deployer's settings. */
    public DeployerSettings settings() {
        return settings;
    }

    /** The chat engine, with the deploy and maintenance flows. */
    public ChatEngine chats() {
        return chats;
    }

    /** Operations on deployed 3Bots. */
    public ThreebotService lifecycle() {
        return lifecycle;
    }

    /** The 3Bots as stored. */
    public ThreebotRepository threebots() {
        return threebots;
    }

    /** This instance's leases. */
    public Leases leases() {
        return leases;
    }

    /** Users' payment requests. */
    public UserBilling billing() {
        return billing;
    }

    /** The backup service 3Bots call. */
    public BackupService backups() {
        return backups;
    }

    /** Terms acceptance per owner. */
    public TermsService terms() {
        return terms;
    }

    /** The resuming of interrupted work and the sweeps, started by the deployer's start. */
    public BackgroundWork background() {
        return background;
    }

    /**
     * Interrupts the running long steps and the background work at once, waits (a few seconds at most) until every
     * thread the deployer made has ended, gives up this instance's leases, then closes what the deployer made for
     * itself (its file store, its temporary directory). A host's own flow executor is left running.
     */
    public void close() {
        // everything is interrupted at once, so no step or branch goes on sending while another is waited for
        chats.close();
        executors.stop();
        watcher.close();
        executors.awaitStopped(CLOSE_WAIT);
        leases.close();
        closeAll(owned);
    }

    /** Closes each of the parts in order; one that fails is logged and the others still closed. */
    static void closeAll(List<AutoCloseable> parts) {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("Could not close {}", part, e);
            }
        }
    }

    /** How chat steps wait out a store outage: from the settings, pauses growing to 30 s (or the first, if longer). */
    private static OutageBackoff.Policy outagePolicy(DeployerSettings settings) {
        Duration first = settings.storeOutagePause();
        Duration cap = Duration.ofSeconds(30);
        return new OutageBackoff.Policy(first, first.compareTo(cap) > 0 ? first : cap, settings.storeOutageTimeout());
    }

    /** This instance among those sharing a store: its process id and a random part. */
    private static String defaultInstanceId() {
        return "pid" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
