package io.threebot.deployer.internal.deploy;

import com.google.common.util.concurrent.Uninterruptibles;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.StopFlowException;
import io.threebot.deployer.grid.GridException;
import io.threebot.deployer.grid.GridNotFoundException;
import io.threebot.deployer.grid.WorkloadFailedException;
import io.threebot.deployer.internal.backup.BackupTokens;
import io.threebot.deployer.internal.billing.Refunds;
import io.threebot.deployer.internal.crypto.PasswordHasher;
import io.threebot.deployer.internal.grid.Blocklist;
import io.threebot.deployer.internal.grid.CapacityFinder;
import io.threebot.deployer.internal.grid.CapacityFinder.EligibleFarm;
import io.threebot.deployer.internal.grid.Futures;
import io.threebot.deployer.internal.store.FenceScope;
import io.threebot.deployer.internal.support.ResumeLater;
import io.threebot.deployer.model.Capacity;
import io.threebot.deployer.model.Gateway;
import io.threebot.deployer.model.IdentityNames;
import io.threebot.deployer.model.Node;
import io.threebot.deployer.model.Pool;
import io.threebot.deployer.model.ReverseProxySpec;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.model.SubdomainSpec;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.spi.DeploymentEvents;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.GridIdentity;
import io.threebot.deployer.spi.LogStreams;
import io.threebot.deployer.spi.PaymentException;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.spi.SecretSealer;
import io.threebot.deployer.spi.StoreException;
import io.threebot.deployer.spi.StoreUnavailableException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys a 3Bot as a journaled saga: set-up (farm, pool, network, node, IP, domain), then the reservation
 * (subdomain and reverse proxy at once, then the container), retried on another node or domain when a workload
 * fails. A deployment that cannot finish is compensated: its workloads are removed and its payment refunded.
 * Interrupted, it resumes from its journal without paying or deploying twice.
 *
 * <p>A store that cannot be reached ({@link StoreUnavailableException}, anywhere in what a step failed with) is no
 * reason to undo anything: the failure goes to the caller as it is, with nothing removed or refunded, and the step
 * runs again from its journal once the store is back. An undoing the outage cut short is taken up again as an
 * undoing, never as a deployment going forward.
 */
public final class ThreebotDeployment implements DeploySteps {
    private static final Logger LOG = LoggerFactory.getLogger(ThreebotDeployment.class);
    /** How long an interrupted step waits for a branch to end before it lets go of its lease. */
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(10);

    /** What the deployment works with; made by {@link Builder}, which names every part. */
    private record Collaborators(DeployerSettings settings, GridClient grid, IdentityService identities,
                                CapacityFinder capacity, PoolProvisioner pools, NetworkBuilder networks,
                                DomainSelector domains, WorkloadDeployer workloads, BackupTokens tokens,
                                ThreebotRepository threebots, LogStreams logs, PasswordHasher hasher,
                                Blocklist<Blocklist.Nodes> blockedNodes, Blocklist<Blocklist.Domains> blockedDomains,
                                ReadinessWaiter readiness, SecretSealer sealer, Executor executor, Clock clock,
                                Random random, io.threebot.deployer.spi.StateStore store, DeploymentNotices notices, Undoing undoing,
                                NameReservations names) {
    }

    /** A builder that takes each collaborator by name, so that two of one type cannot be swapped unnoticed. */
    public static Builder builder() {
        return new Builder();
    }

    /** Names the collaborators one by one, the shared ones as well; {@link #build()} requires every one. */
    public static final class Builder extends SharedCollaborators<Builder> {
        private NetworkBuilder networks;
        private DomainSelector domains;
        private WorkloadDeployer workloads;
        private BackupTokens tokens;
        private LogStreams logs;
        private Blocklist<Blocklist.Nodes> blockedNodes;
        private Blocklist<Blocklist.Domains> blockedDomains;
        private ReadinessWaiter readiness;
        private Executor executor;
        private Random random;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder networks(NetworkBuilder value) {
            this.networks = value;
            return this;
        }

        public Builder domains(DomainSelector value) {
            this.domains = value;
            return this;
        }

        public Builder workloads(WorkloadDeployer value) {
            this.workloads = value;
            return this;
        }

        public Builder tokens(BackupTokens value) {
            this.tokens = value;
            return this;
        }

        public Builder logs(LogStreams value) {
            this.logs = value;
            return this;
        }

        public Builder blockedNodes(Blocklist<Blocklist.Nodes> value) {
            this.blockedNodes = value;
            return this;
        }

        public Builder blockedDomains(Blocklist<Blocklist.Domains> value) {
            this.blockedDomains = value;
            return this;
        }

        public Builder readiness(ReadinessWaiter value) {
            this.readiness = value;
            return this;
        }

        public Builder executor(Executor value) {
            this.executor = value;
            return this;
        }

        public Builder random(Random value) {
            this.random = value;
            return this;
        }

        /**
         * @throws NullPointerException naming the first collaborator not given
         */
        public ThreebotDeployment build() {
            DeploymentNotices notices = new DeploymentNotices(Objects.requireNonNull(events, "events"),
                    Objects.requireNonNull(clock, "clock"));
            return new ThreebotDeployment(new Collaborators(Objects.requireNonNull(settings, "settings"),
                    Objects.requireNonNull(grid, "grid"),
                    Objects.requireNonNull(identities, "identities"),
                    Objects.requireNonNull(capacity, "capacity"),
                    Objects.requireNonNull(pools, "pools"),
                    Objects.requireNonNull(networks, "networks"),
                    Objects.requireNonNull(domains, "domains"),
                    Objects.requireNonNull(workloads, "workloads"),
                    Objects.requireNonNull(tokens, "tokens"),
                    Objects.requireNonNull(threebots, "threebots"),
                    Objects.requireNonNull(logs, "logs"),
                    Objects.requireNonNull(hasher, "hasher"),
                    Objects.requireNonNull(blockedNodes, "blockedNodes"),
                    Objects.requireNonNull(blockedDomains, "blockedDomains"),
                    Objects.requireNonNull(readiness, "readiness"),
                    Objects.requireNonNull(sealer, "sealer"),
                    Objects.requireNonNull(executor, "executor"),
                    Objects.requireNonNull(clock, "clock"),
                    Objects.requireNonNull(random, "random"),
                    Objects.requireNonNull(store, "store"),
                    notices,
                    new Undoing(Objects.requireNonNull(pools, "pools"), Objects.requireNonNull(names, "names"),
                            notices),
                    Objects.requireNonNull(names, "names")));
        }
    }

    private final Collaborators c;
    private final InitializeStep initialize;

    private ThreebotDeployment(Collaborators collaborators) {
        this.c = collaborators;
        this.initialize = new InitializeStep(c.store(), c.threebots(), c.readiness(), c.settings().readinessTimeout(),
                c.notices());
    }

    private Saga saga(DeployOrder order) {
        return Saga.open(c.store(), order.deploymentId(), order.owner(), order.name(), c.clock());
    }

    /** Chooses farm and node, buys and pays the pool, builds the network and picks the domain. */
    @Override
    public void setUp(DeployOrder order, String password, Progress userProgress) throws InterruptedException {
        c.notices().timed(order, "set-up", () -> setUpSteps(order, password, userProgress, Optional.empty(), false,
                c.clock().instant()));
    }

    /** {@link #setUp}, ending the run while the network's workloads come up and the gateway's branch works. */
    @Override
    public void setUpOrPause(DeployOrder order, String password, Progress userProgress) throws InterruptedException {
        Optional<SettingUp> resumed = ResumeLater.left(SettingUp.class);
        c.notices().pausable(order, "set-up", resumed.map(SettingUp::began),
                began -> setUpSteps(order, password, userProgress, resumed, true, began));
    }

    @Override
    public boolean registersIdentity() {
        return true;
    }

    /**
     * What a set-up paused while its network comes up leaves for its next run: what it chose, the network sent and
     * the watches of its workloads, and the gateway's branch, still at work or done, so that the next run goes on from
     * the wait without doing any of it again.
     */
    private record SettingUp(Saga saga, GridIdentity identity, EligibleFarm farm, Node chosenNode,
                             GatewayChoice gateway, long poolId, NetworkBuilder.Sent network, String metadata,
                             CompletableFuture<Long> gatewayBranch, Instant began) {
    }

    /**
     * @param resumed  where the run before this one paused, if it did
     * @param mayPause whether the run may end with {@link ResumeLater} while the network comes up
     * @param began    when the step began (its first run), for the note a pause leaves
     */
    private Placement setUpSteps(DeployOrder order, String password, Progress userProgress,
                                 Optional<SettingUp> resumed, boolean mayPause, Instant began)
            throws InterruptedException {
        Saga saga = resumed.map(SettingUp::saga).orElseGet(() -> saga(order));
        if (resumed.isEmpty()) {
            refuseIfUndone(order, saga, "set-up", password);
            Optional<Placement> done = saga.done("placement", Placement.class);
            if (done.isPresent()) {
                return done.get();
            }
        }
        GridIdentity identity = resumed.map(SettingUp::identity).orElseGet(() -> started(order, saga, "set-up", () -> {
            // the payment is taken first, so that anything refusing the deployment after it refunds it
            order.paid().ifPresent(paid -> c.pools().fund(saga, order.owner(), paid,
                    order.redeploy().map(DeployOrder.Redeploy::previousUuid).orElse(""), order.name(),
                    order.flavor(), order.days()));
            if (order.redeploy().isEmpty()) {
                c.names().reserve(order.identityName(), order.deploymentId(), order.name());
            }
            return c.identities().ensureRegistered(order.identityName(), password);
        }));
        Progress progress = c.notices().observed(order, "set-up", userProgress);
        try {
            SettingUp sent = resumed.isPresent() ? resumed.get()
                    : sendNetwork(order, saga, identity, progress, began);
            return placed(order, sent, progress, mayPause);
        } catch (RuntimeException e) {
            if (e instanceof ResumeLater || Thread.currentThread().isInterrupted()) {
                throw e;
            }
            throw c.notices().failed(order, "set-up", compensate(saga, identity, e));
        }
    }

    /**
     * The set-up up to the network's workloads sent: farm, node and domain chosen, the gateway's branch started, the
     * pool bought and paid.
     */
    private SettingUp sendNetwork(DeployOrder order, Saga saga, GridIdentity identity, Progress progress,
                                  Instant began) throws InterruptedException {
        c.notices().event(order, DeploymentEvent.Kind.STARTED, "set-up", order.redeploy().isPresent()
                ? "redeploying " + order.name() : "deploying " + order.name() + " (" + order.flavor() + ")");
        EligibleFarm farm = saga.choose("farm", EligibleFarm.class, () -> chooseFarm(order));
        List<Node> farmNodes = c.grid().listNodes(farm.id()).stream().filter(n -> n.isUp(c.clock())).toList();
        long reuse = order.redeploy().map(DeployOrder.Redeploy::poolId).orElse(0L);
        List<String> poolNodes = reuse != 0
                ? c.grid().getPool(reuse).map(Pool::nodeIds).orElse(List.of())
                : farmNodes.stream().map(Node::nodeId).toList();
        String nodeId = saga.choose("node", String.class, () -> order.nodeId().orElseGet(
                () -> pickNode(farm.id(), poolNodes, order).nodeId()));
        Node chosenNode = node(nodeId);
        Optional<DeployOrder.Redeploy> redeploy = order.redeploy().filter(r -> r.gateway().isPresent());
        GatewayChoice gateway = saga.choose("gateway-1", GatewayChoice.class, () -> redeploy
                .flatMap(DeployOrder.Redeploy::gateway)
                .orElseGet(() -> c.domains().choose(order.name(), Optional.of(chosenNode))));
        progress.update(c.domains().explain(gateway, chosenNode));
        Secret trcSecret = trcSecret(saga, order, identity);
        String metadata = ThreebotWorkloads.metadata(order.owner(), order.name(), order.solutionUuid());

        // the gateway needs neither the pool nor the network: its pool and workloads go out alongside them
        Optional<DeployOrder.LiveGateway> live = order.redeploy().flatMap(DeployOrder.Redeploy::live);
        CompletableFuture<Long> gatewayBranch = branch(() -> {
            long pool = redeploy.isPresent() ? redeploy.get().gatewayPoolId()
                    : gatewayPool(saga, identity, gateway, Progress.silent());
            if (live.isEmpty()) {
                sendGateway(saga, identity, gateway, pool, 1, trcSecret, metadata);
            }
            return pool;
        });
        try {
            Capacity capacity = order.flavor().capacity();
            Duration period = Duration.ofDays(order.days());
            progress.update("Reserving a capacity pool on farm " + farm.name() + " for " + order.days()
                    + " days.");
            long poolId = c.pools().provision(saga, "pool", identity, reuse, poolNodes,
                    capacity.computeUnitSeconds(period), capacity.storageUnitSeconds(period), progress);
            Pool pool = c.grid().getPool(poolId).orElseThrow(() -> new GridNotFoundException("pool " + poolId));

            progress.update("Creating your 3Bot's private network.");
            Node access = access(farm, farmNodes, pool, chosenNode);
            NetworkBuilder.Sent network = c.networks().send(saga, identity, poolId, access, chosenNode, metadata);
            return new SettingUp(saga, identity, farm, chosenNode, gateway, poolId, network, metadata, gatewayBranch,
                    began);
        } catch (RuntimeException | InterruptedException e) {
            settle(gatewayBranch);
            throw e;
        }
    }

    /**
     * The set-up from the network's workloads sent to the placement recorded: once they are up (the run ends
     * meanwhile when it {@code mayPause}, and runs again once they are up or one failed and the gateway's branch
     * ended), the network grown when an older journal needs it, the address chosen, the gateway's branch awaited.
     */
    private Placement placed(DeployOrder order, SettingUp s, Progress progress, boolean mayPause)
            throws InterruptedException {
        Saga saga = s.saga();
        String nodeId = s.chosenNode().nodeId();
        String ip;
        try {
            CompletableFuture<Void> up = Futures.allOrFirstFailure(s.network().up());
            if (mayPause && !(up.isDone() && s.gatewayBranch().isDone())) {
                throw ResumeLater.when(CompletableFuture.allOf(up, s.gatewayBranch()), s, s.gatewayBranch());
            }
            Futures.await(up);
            // a deployment journaled before the network was created with its node grows it instead
            ManagementNetwork network = c.networks().addNode(saga, s.identity(), s.poolId(), s.network().network(),
                    s.chosenNode(), s.metadata());
            ManagementNetwork grown = network;
            // a running 3Bot's new container takes another address than the old one, to be asked on its own
            Optional<DeployOrder.LiveGateway> live = order.redeploy().flatMap(DeployOrder.Redeploy::live);
            ManagementNetwork addressable = live.map(l -> grown.withUsedIp(l.containerIp())).orElse(grown);
            ip = saga.choose("ip", String.class, () -> addressable.freeIp(nodeId));
            if (!network.usedIps().contains(ip)) {
                c.networks().reserveIp(saga, network, ip);
            }
            progress.update("Management network ready; your 3Bot will run on node " + nodeId + " at " + ip + ".");
        } catch (ResumeLater later) {
            throw later; // the gateway's branch goes on; the next run awaits it
        } catch (RuntimeException | InterruptedException e) {
            settle(s.gatewayBranch());
            throw e;
        }
        long gatewayPool = awaitBranch(s.gatewayBranch());
        EligibleFarm farm = s.farm();
        Placement placement = new Placement(farm.id(), farm.name(), farm.continent(), s.poolId(), nodeId, ip,
                s.gateway(), gatewayPool, 1, 1, 0);
        saga.record("placement", placement);
        progress.update("Your 3Bot will be reachable as " + s.gateway().fqdn() + ".");
        c.notices().event(order, DeploymentEvent.Kind.STEP_DONE, "set-up", "pool " + s.poolId() + ", node " + nodeId
                + ", " + s.gateway().fqdn());
        return placement;
    }

    /** Deploys subdomain, proxy and container, retrying elsewhere on failure, and records the 3Bot. */
    @Override
    public Threebot reserve(DeployOrder order, String password, Progress userProgress) throws InterruptedException {
        return c.notices().timed(order, "deploy", () -> reserveSteps(order, password, userProgress,
                Optional.empty(), false, c.clock().instant()));
    }

    @Override
    public Threebot reserveOrPause(DeployOrder order, String password, Progress userProgress)
            throws InterruptedException {
        Optional<Reserving> resumed = ResumeLater.left(Reserving.class);
        return c.notices().pausable(order, "deploy", resumed.map(Reserving::began),
                began -> reserveSteps(order, password, userProgress, resumed, true, began));
    }

    /**
     * What a reservation paused while its workloads come up leaves for its next run: what it read and derived, and
     * the watches of the workloads it sent, so that the next run goes on from the wait without doing any of it again.
     */
    private record Reserving(Saga saga, GridIdentity identity, Placement placement, Sent sent, Instant began) {
    }

    /** What an attempt of the reservation sent: the gateway's and the container's ids, and their watches. */
    private record Sent(List<Long> gatewayIds, long containerId, List<CompletableFuture<Workload>> up) {
    }

    /**
     * Sends the gateway (unless a running 3Bot keeps its own) and the container for the placement, and watches them
     * come up at once; the first to fail decides the retry.
     */
    private Sent send(Saga saga, GridIdentity identity, DeployOrder order, Placement p, String password,
                      String metadata, Optional<DeployOrder.LiveGateway> live, Progress progress) {
        progress.update("Deploying your 3Bot on node " + p.nodeId() + " as " + p.gateway().fqdn()
                + "; this takes a few minutes.");
        Secret trcSecret = trcSecret(saga, order, identity);
        Secret backupToken = sealed(saga, "backup-token", () -> c.tokens().issue(order.identityName()));
        // a 3Bot that keeps running keeps its gateway: the new container joins its proxy
        List<Long> gatewayIds = live.isPresent()
                ? List.of(live.get().subdomainId(), live.get().proxyId())
                : sendGateway(saga, identity, p.gateway(), p.gatewayPoolId(), p.domainAttempt(), trcSecret, metadata);
        long containerId = sendContainer(saga, identity, order, p, password, trcSecret, backupToken, metadata);
        List<CompletableFuture<Workload>> up = new ArrayList<>();
        up.add(c.workloads().awaitOk(containerId, WorkloadType.CONTAINER, p.nodeId()));
        if (live.isEmpty()) {
            up.add(c.workloads().awaitOk(gatewayIds.get(0), WorkloadType.SUBDOMAIN, p.gateway().gatewayId()));
            up.add(c.workloads().awaitOk(gatewayIds.get(1), WorkloadType.REVERSE_PROXY, p.gateway().gatewayId()));
        }
        return new Sent(gatewayIds, containerId, up);
    }

    /**
     * @param resumed  where the run before this one paused, if it did
     * @param mayPause whether the run may end with {@link ResumeLater} while the workloads come up
     * @param began    when the step began (its first run), for the note a pause leaves
     */
    private Threebot reserveSteps(DeployOrder order, String password, Progress userProgress,
                                  Optional<Reserving> resumed, boolean mayPause, Instant began)
            throws InterruptedException {
        Saga saga = resumed.map(Reserving::saga).orElseGet(() -> saga(order));
        Progress progress = c.notices().observed(order, "deploy", userProgress);
        if (resumed.isEmpty()) {
            Optional<Threebot> finished = saga.done(DeploymentJournal.RESULT_KEY, String.class)
                    .flatMap(uuid -> c.threebots().find(uuid));
            if (finished.isPresent()) {
                // a run cut short after recording its 3Bot (a crash, a store outage) finishes what came after
                if (saga.journal().outcome() == DeploymentJournal.Outcome.IN_PROGRESS) {
                    settleUnlessRedeploy(order, saga);
                    saga.end(DeploymentJournal.Outcome.SUCCEEDED, "");
                }
                return finished.get();
            }
            refuseIfUndone(order, saga, "deploy", password);
        }
        GridIdentity identity = resumed.map(Reserving::identity).orElseGet(() -> started(order, saga, "deploy",
                () -> c.identities().ensureRegistered(order.identityName(), password)));
        try {
            Placement placement = resumed.map(Reserving::placement).orElseGet(() -> saga.done("placement",
                    Placement.class).orElseThrow(() -> new IllegalStateException("deployment " + saga.id()
                    + " was not set up")));
            String metadata = ThreebotWorkloads.metadata(order.owner(), order.name(), order.solutionUuid());
            Optional<DeployOrder.LiveGateway> live = order.redeploy().flatMap(DeployOrder.Redeploy::live);
            int maxAttempts = order.nodeId().isPresent() ? 1 : c.settings().deployAttempts();
            Optional<Sent> waited = resumed.map(Reserving::sent);
            while (true) {
                try {
                    Sent sent = waited.isPresent() ? waited.get()
                            : send(saga, identity, order, placement, password, metadata, live, progress);
                    waited = Optional.empty();
                    CompletableFuture<Void> allUp = Futures.allOrFirstFailure(sent.up());
                    if (mayPause && !allUp.isDone()) {
                        throw ResumeLater.when(allUp, new Reserving(saga, identity, placement, sent, began));
                    }
                    Futures.await(allUp);
                    Threebot threebot = record(saga, order, identity, placement, password,
                            List.of(sent.gatewayIds().get(0), sent.gatewayIds().get(1), sent.containerId()));
                    settleUnlessRedeploy(order, saga);
                    saga.end(DeploymentJournal.Outcome.SUCCEEDED, "");
                    c.blockedNodes().unblock(placement.nodeId());
                    c.notices().event(order, DeploymentEvent.Kind.STEP_DONE, "deploy", "3Bot " + threebot.uuid() + " on node "
                            + placement.nodeId());
                    return threebot;
                } catch (WorkloadFailedException e) {
                    int failures = placement.failures() + 1;
                    LOG.info("Deployment {} attempt {} failed: {}", saga.id(), failures, e.getMessage());
                    if (failures >= maxAttempts) {
                        throw new StopFlowException("Your 3Bot could not be deployed: " + e.getMessage() + ".", e);
                    }
                    progress.update("Deployment failed on " + e.nodeId() + "; retrying elsewhere ("
                            + (maxAttempts - failures) + " attempt(s) left).");
                    c.notices().event(order, DeploymentEvent.Kind.RETRIED, "deploy", e.getMessage());
                    placement = e.type().onGateway()
                            ? retryOnAnotherDomain(saga, identity, order, placement, failures, progress)
                            : retryOnAnotherNode(saga, identity, order, placement, failures, metadata, e);
                    saga.record("placement", placement);
                    Thread.sleep(c.settings().retryPause().toMillis());
                }
            }
        } catch (RuntimeException e) {
            if (e instanceof ResumeLater || Thread.currentThread().isInterrupted()) {
                throw e;
            }
            throw c.notices().failed(order, "deploy", compensate(saga, identity, e));
        }
    }

    /**
     * Makes a new 3Bot's payment final. A redeploy's (a paid start, resize or move) is made final by its operation
     * once the new container answered, so that one that never answers is refunded.
     */
    private void settleUnlessRedeploy(DeployOrder order, Saga saga) {
        if (order.redeploy().isEmpty()) {
            c.pools().settle(saga);
        }
    }

    @Override
    public Threebot awaitReady(DeployOrder order, Progress userProgress) throws InterruptedException {
        return initialize.await(order, ownAnswer(order), userProgress);
    }

    @Override
    public Threebot lookReady(DeployOrder order, Progress userProgress) throws InterruptedException {
        return initialize.look(order, ownAnswer(order), userProgress);
    }

    /** Whether only the new container's own answer counts: while the old one still serves the address. */
    private static boolean ownAnswer(DeployOrder order) {
        return order.redeploy().flatMap(DeployOrder.Redeploy::live).isPresent();
    }

    /**
     * Undoes what a deployment that cannot go on did (a paid operation whose 3Bot was destroyed meanwhile): removes
     * its workloads and refunds its payments, the user's in full. Nothing is undone when it recorded its 3Bot.
     *
     * @return what the user got back, in stroops
     */
    public long undo(String deploymentId, GridIdentity identity, String why) {
        Saga saga = Saga.open(c.store(), deploymentId, "", "", c.clock());
        if (saga.journal().hasResult()) {
            return 0;
        }
        return compensate(saga, identity, new StopFlowException(why)).refundedStroops();
    }

    /** The WireGuard configuration of the deployment's network, for the owner's machine. */
    @Override
    public String wireGuardConfig(DeployOrder order) {
        return wireGuardConfig(order.deploymentId()).orElseThrow(() -> new IllegalStateException("deployment "
                + order.deploymentId() + " has no network"));
    }

    /**
     * The WireGuard configuration of a deployment's network, opened from its journal, where its private key stays
     * sealed; empty when the journal holds no network.
     */
    public Optional<String> wireGuardConfig(String deploymentId) {
        return Saga.doneIn(c.store(), deploymentId, NetworkBuilder.JOURNAL_KEY, ManagementNetwork.class)
                .map(network -> network.wireGuardConfig(c.sealer().unseal(network.sealedClientPrivateKey())));
    }

    // ---- set-up ---------------------------------------------------------------------------------------------

    private EligibleFarm chooseFarm(DeployOrder order) {
        if (order.nodeId().isPresent()) {
            Node node = node(order.nodeId().get());
            return order.farms().stream().filter(f -> f.id() == node.farmId()).findFirst()
                    .orElseThrow(() -> new StopFlowException("Node " + node.nodeId() + " is not on an eligible farm."));
        }
        if (order.farms().isEmpty()) {
            throw new StopFlowException("No farm has enough free capacity for a " + order.flavor().displayName()
                    + " 3Bot right now.");
        }
        return order.farms().get(c.random().nextInt(order.farms().size()));
    }

    private Node pickNode(long farmId, List<String> poolNodes, DeployOrder order) {
        return c.capacity().pickNode(farmId, poolNodes, order.flavor().resources(), c.random())
                .orElseThrow(() -> new StopFlowException("No node in the chosen farm has room for a "
                        + order.flavor().displayName() + " 3Bot. On a small network the operator can enable "
                        + "over-provisioning (OVER_PROVISIONING)."));
    }

    private Node node(String nodeId) {
        return c.grid().getNode(nodeId).orElseThrow(() -> new StopFlowException("Node " + nodeId
                + " is not on the grid any more."));
    }

    private long gatewayPool(Saga saga, GridIdentity identity, GatewayChoice gateway, Progress progress)
            throws InterruptedException {
        List<String> gatewayIds = c.grid().listGateways().stream()
                .filter(g -> g.farmId() == gateway.gatewayFarmId()).map(Gateway::nodeId).toList();
        return c.pools().provision(saga, "gateway-pool-" + gateway.gatewayFarmId(), identity, gatewayIds, 0, 0,
                progress);
    }

    // ---- reservation ----------------------------------------------------------------------------------------

    /**
     * Sends the gateway's subdomain and reverse proxy (once each), the subdomain's id journaled with the proxy's
     * intent; returns their ids.
     */
    private List<Long> sendGateway(Saga saga, GridIdentity identity, GatewayChoice gw, long gatewayPoolId,
                                   int domainAttempt, Secret trcSecret, String metadata) {
        long subdomainId = c.workloads().deployBeforeNext(saga, "subdomain-" + domainAttempt, identity, gw.gatewayId(),
                gatewayPoolId, metadata, new SubdomainSpec(gw.fqdn(), gw.ips()));
        long proxyId = c.workloads().deploy(saga, "proxy-" + domainAttempt, identity, gw.gatewayId(), gatewayPoolId,
                metadata, new ReverseProxySpec(gw.fqdn(), trcSecret));
        return List.of(subdomainId, proxyId);
    }

    /** Sends the container (once per node attempt, again after a change of domain); returns its id. */
    private long sendContainer(Saga saga, GridIdentity identity, DeployOrder order, Placement p, String password,
                               Secret trcSecret, Secret backupToken, String metadata) {
        ThreebotWorkloads.ContainerInputs inputs = new ThreebotWorkloads.ContainerInputs(order.name(), order.owner(),
                order.sshKey(), p.gateway(), p.ipAddress(), order.flavor().capacity(),
                Secret.of(c.identities().containerSecret(order.identityName(), password)),
                backupToken, trcSecret, c.logs().configFor(order.owner(), order.name()));
        return c.workloads().deploy(saga, containerKey(p), identity, p.nodeId(), p.poolId(), metadata,
                ThreebotWorkloads.container(c.settings(), inputs));
    }

    private static String containerKey(Placement p) {
        return "container-" + p.nodeAttempt();
    }

    /**
     * The secret the container and its reverse proxy share: a running 3Bot's own, else a new one, kept in the
     * journal (sealed) so a resumed deployment uses the same.
     */
    private Secret trcSecret(Saga saga, DeployOrder order, GridIdentity identity) {
        return sealed(saga, "trc-secret", () -> order.redeploy().flatMap(DeployOrder.Redeploy::live)
                .map(l -> c.sealer().unseal(l.sealedTrcSecret()))
                .orElseGet(() -> identity.tid() + ":" + hex(UUID.randomUUID())));
    }

    /** Runs a branch of the deployment on the grid executor, beside the caller's own. */
    private <T> CompletableFuture<T> branch(DeploymentNotices.StepBody<T> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        c.executor().execute(() -> {
            try {
                result.complete(body.run());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.completeExceptionally(new BranchInterrupted(e));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** A branch's result; a branch cut short by a shutdown is an interruption, never a failure to undo. */
    private static <T> T awaitBranch(CompletableFuture<T> branch) throws InterruptedException {
        try {
            return Futures.await(branch);
        } catch (BranchInterrupted e) {
            throw (InterruptedException) new InterruptedException("a branch of the deployment was interrupted")
                    .initCause(e);
        }
    }

    /**
     * Waits until a branch ended, however it ended, so that an undoing sees everything it journaled, and so that a
     * step cut short by a shutdown keeps its lease until the branch journaled what it sent (else the branch's send
     * would count as a stray one and be taken back). The wait goes on when this thread is interrupted (a shutdown
     * interrupts the branch too, and every grid call has a deadline), up to {@link #SETTLE_LIMIT}; the interrupt is
     * kept.
     */
    private static void settle(CompletableFuture<?> branch) {
        try {
            Uninterruptibles.getUninterruptibly(branch.handle((value, failure) -> null), SETTLE_LIMIT);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("A branch of a deployment did not end within {}; going on without it", SETTLE_LIMIT);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Marks a branch of a deployment that a shutdown interrupted. */
    private static final class BranchInterrupted extends RuntimeException {
        BranchInterrupted(InterruptedException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The node the owner's WireGuard peer dials: the 3Bot's own when it has a public IPv4, else another. */
    private static Node access(EligibleFarm farm, List<Node> farmNodes, Pool pool, Node threebotNode) {
        return Stream.concat(Stream.of(threebotNode), farmNodes.stream())
                .filter(n -> n.publicIpv4().isPresent() && pool.nodeIds().contains(n.nodeId()))
                .findFirst()
                .orElseThrow(() -> new StopFlowException("Farm " + farm.name()
                        + " has no node with a public IPv4 address left; please choose another location."));
    }

    private Placement retryOnAnotherNode(Saga saga, GridIdentity identity, DeployOrder order, Placement p,
                                         int failures, String metadata, WorkloadFailedException failure)
            throws InterruptedException {
        c.blockedNodes().block(p.nodeId());
        c.workloads().remove(saga, WorkloadDeployer.PREFIX + containerKey(p), identity);
        Pool pool = c.grid().getPool(p.poolId()).orElseThrow(() -> new GridNotFoundException("pool " + p.poolId()));
        Node next = c.capacity().pickNode(p.farmId(), pool.nodeIds(), order.flavor().resources(), c.random())
                .orElseThrow(() -> new StopFlowException("Your 3Bot could not be deployed: " + failure.getMessage()
                        + ", and no other node on farm " + p.farmName() + " has room for it."));
        ManagementNetwork network = saga.done(NetworkBuilder.JOURNAL_KEY, ManagementNetwork.class).orElseThrow();
        network = c.networks().addNode(saga, identity, p.poolId(), network, next, metadata);
        String ip = network.freeIp(next.nodeId());
        c.networks().reserveIp(saga, network, ip);
        return p.onNode(next.nodeId(), ip, failures);
    }

    private Placement retryOnAnotherDomain(Saga saga, GridIdentity identity, DeployOrder order, Placement p,
                                           int failures, Progress progress) throws InterruptedException {
        c.blockedDomains().block(p.gateway().managedDomain());
        c.workloads().remove(saga, WorkloadDeployer.PREFIX + "subdomain-" + p.domainAttempt(), identity);
        c.workloads().remove(saga, WorkloadDeployer.PREFIX + "proxy-" + p.domainAttempt(), identity);
        // the container was sent for the old domain: it is sent again, under the same key, for the new one
        c.workloads().remove(saga, WorkloadDeployer.PREFIX + containerKey(p), identity);
        GatewayChoice gateway = saga.choose("gateway-" + (p.domainAttempt() + 1), GatewayChoice.class,
                () -> c.domains().choose(order.name(), c.grid().getNode(p.nodeId())));
        return p.onGateway(gateway, gatewayPool(saga, identity, gateway, progress), failures);
    }

    /**
     * Records the 3Bot: first in the journal, which refuses it when the deployment is being undone (and from then on
     * refuses any undoing), then as the owner's 3Bot. A deployment resumed between the two records it again.
     */
    private Threebot record(Saga saga, DeployOrder order, GridIdentity identity, Placement p, String password,
                            List<Long> workloadIds) {
        Instant now = c.clock().instant();
        Optional<Instant> expiresAt = c.grid().getPool(p.poolId()).flatMap(Pool::emptyAt);
        Threebot threebot = new Threebot(order.solutionUuid(), order.name(), order.owner(), identity.name(),
                identity.tid(), order.flavor(), p.farmId(), p.farmName(), p.continent(), p.nodeId(), p.poolId(),
                p.gateway().fqdn(), p.ipAddress(), ThreebotState.RUNNING, workloadIds,
                order.redeploy().map(DeployOrder.Redeploy::passwordHash).orElseGet(() -> c.hasher().hash(password)),
                now, expiresAt.or(() -> Optional.of(now.plus(Duration.ofDays(order.days())))), order.deploymentId(),
                order.sshKey());
        saga.recordResult(threebot.uuid());
        c.threebots().save(threebot);
        // a 3Bot that still runs keeps its record until its new container answers and the old one is removed
        order.redeploy().filter(r -> r.live().isEmpty()).ifPresent(r -> c.threebots().delete(r.previousUuid()));
        return threebot;
    }

    // ---- compensation ---------------------------------------------------------------------------------------

    /**
     * A deployment that was undone is never taken up again, even when the store could not record the end of its
     * undoing (its outcome says so, its journal says the undoing began, or one of its pool payments was refunded):
     * it is undone again, which removes what is left and moves no money twice, and ends with the reason it had.
     */
    private void refuseIfUndone(DeployOrder order, Saga saga, String step, String password) {
        DeploymentJournal journal = saga.journal();
        if (!journal.outcome().undoing() && !c.pools().anyRefunded(saga)) {
            return;
        }
        String why = journal.failure() == null || journal.failure().isBlank()
                ? "Your 3Bot could not be deployed, and what was set up for it was undone." : journal.failure();
        LOG.info("Deployment {} was undone before; finishing its undoing", saga.id());
        GridIdentity identity = started(order, saga, step,
                () -> c.identities().ensureRegistered(order.identityName(), password));
        throw c.notices().failed(order, step, compensate(saga, identity, new StopFlowException(why)));
    }

    /**
     * Runs the first calls of a step (taking the user's payment, registering the identity); a failure there is
     * compensated like any later one, so a paid operation that cannot begin refunds the user.
     */
    private GridIdentity started(DeployOrder order, Saga saga, String step, Supplier<GridIdentity> begin) {
        try {
            return begin.get();
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            throw c.notices().failed(order, step, compensate(saga, null, e));
        }
    }

    /** Undoes the deployment ({@link Undoing#compensate}), removing its workloads when its identity is known. */
    private CompensatedException compensate(Saga saga, GridIdentity identity, RuntimeException cause) {
        return c.undoing().compensate(saga, cause, () -> {
            int leftOver = 0;
            if (identity != null) {
                for (String key : saga.keysNewestFirst(WorkloadDeployer.PREFIX)) {
                    if (!c.workloads().remove(saga, key, identity)) {
                        leftOver++;
                    }
                }
            }
            return leftOver;
        });
    }

    private Secret sealed(Saga saga, String key, java.util.function.Supplier<String> make) {
        return Secret.of(c.sealer().unseal(saga.choose(key, String.class, () -> c.sealer().seal(make.get()))));
    }

    private static String hex(UUID uuid) {
        return uuid.toString().replace("-", "");
    }
}
