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
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.UserPayments;
import io.threebot.deployer.terms.TermsService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Wires a deployer's services together from its parts: the store fenced by leases, the grid, payments and backup
 * servers guarded against side effects by a runner that lost its lease, the deployment, the lifecycle service, the
 * chat engine and its flows. Building it starts no thread ({@link DeployerExecutors}).
 *
 * @param chats      the chat engine, with the deploy and maintenance flows
 * @param lifecycle  operations on deployed 3Bots
 * @param threebots  the 3Bots as stored
 * @param executors  the deployer's thread pools
 * @param watcher    the poller of pending workloads
 * @param leases     this instance's leases
 * @param billing    users' payment requests
 * @param backups    the backup service 3Bots call
 * @param terms      terms acceptance per owner
 * @param journals   the sweep of deployment journals
 * @param expiry     the check of pools running dry
 */
public record DeployerAssembly(DeployerSettings settings, ChatEngine chats, ThreebotService lifecycle,
                               ThreebotRepository threebots, DeployerExecutors executors, WorkloadWatcher watcher,
                               Leases leases, UserBilling billing, BackupService backups, TermsService terms,
                               JournalSweep journals, ExpiryWatch expiry, DeploymentEvents events, Clock clock) {

    /** Wires the services of a deployer from its parts. */
    public static DeployerAssembly assemble(DeployerParts b) {
        DeployerSettings settings = b.settings();
        Clock clock = b.clock();
        // work under a lease writes fenced by it, and checks it before every side effect outside the store
        StateStore store = new FencingStateStore(b.store());
        // a workload sent by a runner that lost its lease while it sent is taken back at once, unless the runner
        // that holds the deployment now found it and took it as its own
        StrayWorkloads strays = new StrayWorkloads(store, b.grid());
        GridClient grid = SideEffectGuard.guard(GridClient.class, b.grid(),
                Set.of("registerUser", "reservePool", "deployWorkload", "decommission"),
                Map.of("deployWorkload", (args, id) -> strays.takeBack((Workload) args[0], (Long) id,
                        (GridIdentity) args[1])));
        Payments payments = SideEffectGuard.guard(Payments.class, b.payments(), Set.of("pay", "refund"));
        UserPayments userPayments = SideEffectGuard.guard(UserPayments.class, b.userPayments(), Set.of("refund"));
        BackupServers backupServers = SideEffectGuard.guard(BackupServers.class, b.backups(),
                Set.of("createUser", "deleteUser"));
        // pools only: no thread runs before start()
        DeployerExecutors executors = new DeployerExecutors(new DeployerExecutors.Sizes(
                settings.maxConcurrentSteps(), settings.workerThreads() * 2, settings.listingConcurrency()),
                b.flowExecutor());
        Blocklist<Blocklist.Nodes> blockedNodes = Blocklist.ofNodes(store, clock, settings.nodeBlockDuration());
        Blocklist<Blocklist.Domains> blockedDomains = Blocklist.ofDomains(store, clock,
                settings.nodeBlockDuration());
        WorkloadWatcher watcher = new WorkloadWatcher(grid, clock, settings.pollInterval());
        ThreebotRepository threebots = new ThreebotRepository(store);
        Leases leases = new Leases(b.store(), b.instanceId().orElseGet(DeployerAssembly::defaultInstanceId),
                settings.leaseDuration(), Clock.systemUTC());
        IdentityService identities = new IdentityService(grid, settings.keyDerivation());
        CapacityFinder capacity = new CapacityFinder(grid, clock, blockedNodes, settings.overProvisioning(),
                executors.gridQueries());
        WorkloadDeployer workloads = new WorkloadDeployer(grid, watcher, clock, settings.workloadTimeout());
        OperatorSpending spending = new OperatorSpending(store, settings.billing().operatorDailyCapStroops(), clock);
        UserBilling billing = new UserBilling(store, userPayments, grid, settings.billing(), spending, clock,
                b.events());
        PoolProvisioner pools = new PoolProvisioner(grid, payments, billing, spending, clock,
                settings.pollInterval(), settings.poolPaymentTimeout());
        BackupTokens backupTokens = new BackupTokens(store, clock, b.random(), settings.backupTokenLifetime());
        BackupService backupService = new BackupService(grid, backupServers, backupTokens, b.deployerKeys());
        if (b.grid() instanceof SimulatedGrid simulated) {
            // a simulated 3Bot sets up its backups with this deployer, as a real one does with the deployer it knows
            simulated.onContainerStarted(new SimulatedEntrypoint(backupService)::started);
        }
        PasswordHasher hasher = new PasswordHasher(settings.passwordHashIterations(), b.random());
        NameReservations names = new NameReservations(store, clock);
        ThreebotDeployment deployment = ThreebotDeployment.builder()
                .settings(settings).grid(grid).identities(identities).capacity(capacity).pools(pools)
                .networks(new NetworkBuilder(workloads, b.sealer(), b.random()))
                .domains(new DomainSelector(grid, b.domains(), blockedDomains, clock, b.random()))
                .workloads(workloads).tokens(backupTokens).threebots(threebots).logs(b.logs()).hasher(hasher)
                .blockedNodes(blockedNodes).blockedDomains(blockedDomains)
                .readiness(new ReadinessWaiter(b.reachability(), clock, settings.pollInterval(),
                        settings.readinessRequestTimeout()))
                .sealer(b.sealer()).executor(FenceScope.propagating(executors.gridBranches())).clock(clock)
                .random(b.random()).store(store).events(b.events()).names(names)
                .build();
        TermsService terms = new TermsService(store, settings.network(), clock);
        JournalSweep journals = new JournalSweep(store, clock, settings.journalRetention());
        PasswordGuard passwords = new PasswordGuard(store, clock, settings.maxPasswordFailures(),
                settings.maxPasswordFailuresPerOwner(), settings.passwordFailureWindow());
        ThreebotDeployFlow deployFlow = new ThreebotDeployFlow(settings, identities, capacity, threebots, deployment,
                terms, billing, passwords, names);
        ThreebotService lifecycle = ThreebotService.builder()
                .settings(settings).threebots(threebots)
                .lister(new ThreebotLister(threebots, grid, b.reachability(), executors.probes(),
                        settings.listingProbeTimeout(), settings.expiryWarning()))
                .passwords(passwords).hasher(hasher).identities(identities).grid(grid).watcher(watcher)
                .backups(backupServers).deployment(deployment).capacity(capacity).pools(pools).billing(billing)
                .names(names).store(store).clock(clock).renewals(new AutoRenewals(store, b.sealer()))
                .leases(leases).events(b.events()).sealer(b.sealer())
                .build();
        ExpiryWatch expiry = new ExpiryWatch(threebots, lifecycle, store, b.events(), b.expiryListeners(), clock,
                settings.expiryWarning());
        List<FlowDefinition> flows = new ArrayList<>();
        flows.add(deployFlow.definition());
        flows.addAll(new MaintenanceFlows(lifecycle, capacity, billing, settings.pollInterval()).definitions());
        ChatEngine chats = ChatEngine.builder().flows(flows).store(store).sealer(b.sealer()).clock(clock)
                .sharedExecutor(executors.flow()).sharedLeases(leases).outages(outagePolicy(settings))
                .limits(new ChatEngine.Limits(settings.maxOpenChatsPerOwner(), settings.sessionIdleTimeout()))
                .build();
        return new DeployerAssembly(settings, chats, lifecycle, threebots, executors, watcher, leases, billing,
                backupService, terms, journals, expiry, b.events(), clock);
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
