package io.threebot.deployer.sim;

import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.crypto.KeyDerivation;
import io.threebot.deployer.grid.GridConflictException;
import io.threebot.deployer.grid.GridException;
import io.threebot.deployer.grid.GridNotFoundException;
import io.threebot.deployer.grid.GridPaymentRequiredException;
import io.threebot.deployer.grid.GridUnauthorizedException;
import io.threebot.deployer.model.ContainerSpec;
import io.threebot.deployer.model.Farm;
import io.threebot.deployer.model.Gateway;
import io.threebot.deployer.model.GridUser;
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.Node;
import io.threebot.deployer.model.Pool;
import io.threebot.deployer.model.PoolPayment;
import io.threebot.deployer.model.PoolRequest;
import io.threebot.deployer.model.PoolReservation;
import io.threebot.deployer.model.ResourceUnits;
import io.threebot.deployer.model.ResultState;
import io.threebot.deployer.model.ReverseProxySpec;
import io.threebot.deployer.model.SubdomainSpec;
import io.threebot.deployer.model.UnitPrices;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.model.WorkloadResult;
import io.threebot.deployer.model.WorkloadSpec;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.GridIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory grid that behaves like the explorer and its nodes: workloads move from deploy to a result after a
 * configurable delay, pools are paid through {@link SimulatedPayments} and consumed by their workloads, and faults
 * can be injected through {@link #failures()}. Thread-safe.
 */
public final class SimulatedGrid implements GridClient {
    /** Stroops per compute-unit-second at 10 USD a month and 0.1 USD a TFT. */
    static final long STROOPS_PER_CU_SECOND = 10L * 10_000_000_000L / 100 / 2_592_000;
    static final long STROOPS_PER_SU_SECOND = 8L * 10_000_000_000L / 100 / 2_592_000;
    private static final double MIN_POOL_SECONDS = 120;

    private UnitPrices prices = new UnitPrices(STROOPS_PER_CU_SECOND, STROOPS_PER_SU_SECOND);
    private java.util.function.Consumer<ContainerSpec> containerStarted = container -> { };
    /** A container seen running, with the result it shows once its start was told. */
    private record Start(SimulatedWorkload workload, ContainerSpec container, WorkloadResult result) {
    }

    /** Containers seen running whose start was not told yet (guarded by this grid's lock). */
    private final List<Start> startedUntold = new ArrayList<>();
    private boolean secretsSealed;
    /** Nodes and gateways whose heartbeat stopped. */
    private final Set<String> down = new java.util.HashSet<>();

    private final Clock clock;
    private volatile Duration deployDelay;
    private final FailureInjector failures = new FailureInjector();
    private final Map<Long, Farm> farms = new LinkedHashMap<>();
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Gateway> gateways = new LinkedHashMap<>();
    private final Map<String, String> hostAddresses = new HashMap<>();
    private final Map<Long, GridUser> users = new LinkedHashMap<>();
    private final Map<String, GridUser> usersByName = new HashMap<>();
    private final Set<String> userEmails = new HashSet<>();
    private final Map<Long, PoolAccount> pools = new LinkedHashMap<>();
    private final Map<Long, Reservation> reservations = new HashMap<>();
    private final Map<Long, SimulatedWorkload> workloads = new LinkedHashMap<>();
    /** The workloads that serve each domain (subdomains, proxies and 3Bot containers), for reachability. */
    private final Map<String, List<SimulatedWorkload>> byDomain = new HashMap<>();
    /** Each customer's workloads, in the order they were sent. */
    private final Map<Long, List<SimulatedWorkload>> byCustomer = new HashMap<>();
    private final Set<String> takenDomains = new HashSet<>();
    private final AtomicLong userIds = new AtomicLong(1000);
    private final AtomicLong reservationIds = new AtomicLong(100);
    private final AtomicLong workloadIds = new AtomicLong(5000);

    private static final class SimulatedWorkload {
        Workload workload;
        final Instant deployedAt;
        final Optional<String> plannedFailure;
        Instant deleteRequestedAt;
        boolean released;
        /** Its container is being started outside the grid's lock: it shows no result until the start was told. */
        boolean starting;

        SimulatedWorkload(Workload workload, Instant deployedAt, Optional<String> plannedFailure) {
            this.workload = workload;
            this.deployedAt = deployedAt;
            this.plannedFailure = plannedFailure;
        }
    }

    public SimulatedGrid(Clock clock, Duration deployDelay) {
        this.clock = clock;
        this.deployDelay = deployDelay;
    }

    /** A grid with the sample topology of {@link SampleTopology}. */
    public static SimulatedGrid withSampleTopology(Clock clock, Duration deployDelay) {
        SimulatedGrid grid = new SimulatedGrid(clock, deployDelay);
        SampleTopology.install(grid);
        return grid;
    }

    public Clock clock() {
        return clock;
    }

    public FailureInjector failures() {
        return failures;
    }

    /** How long a node takes to report a deployed or deleted workload. */
    public void deployDelay(Duration delay) {
        this.deployDelay = delay;
    }

    // ---- topology -------------------------------------------------------------------------------------------

    public synchronized void addFarm(Farm farm) {
        farms.put(farm.id(), farm);
    }

    public synchronized void addNode(Node node) {
        nodes.put(node.nodeId(), node);
    }

    /** Adds a gateway; {@code nameserverAddress} is what its first nameserver host name resolves to. */
    public synchronized void addGateway(Gateway gateway, String nameserverAddress) {
        gateways.put(gateway.nodeId(), gateway);
        gateway.dnsNameservers().forEach(ns -> hostAddresses.put(ns, nameserverAddress));
    }

    /** Stops a node's heartbeat, so that it counts as down. */
    public synchronized void setNodeDown(String nodeId) {
        down.add(nodeId);
    }

    /** Starts a node's heartbeat again. */
    public synchronized void setNodeUp(String nodeId) {
        down.remove(nodeId);
    }

    /** A node as the directory shows it now: a live node has just sent its heartbeat, a down one long ago. */
    private Node heartbeat(Node node) {
        return node.withUpdated(down.contains(node.nodeId()) ? Instant.EPOCH : clock.instant());
    }

    private Gateway heartbeat(Gateway gateway) {
        return gateway.withUpdated(down.contains(gateway.nodeId()) ? Instant.EPOCH : clock.instant());
    }

    // ---- DNS view, used by SimulatedDns --------------------------------------------------------------------

    /** Makes a name resolve, as if someone else used it already. */
    public synchronized void takeDomain(String fqdn) {
        takenDomains.add(fqdn);
    }

    synchronized boolean resolves(String fqdn) {
        if (takenDomains.contains(fqdn)) {
            return true;
        }
        return byDomain.getOrDefault(fqdn, List.of()).stream().map(w -> w.workload)
                .anyMatch(w -> w.nextAction() == NextAction.DEPLOY && w.spec() instanceof SubdomainSpec);
    }

    synchronized Optional<String> addressOf(String host) {
        return Optional.ofNullable(hostAddresses.get(host));
    }

    /**
     * The live workloads of a type that serve {@code domain} (its subdomain, its proxy, its 3Bot's container),
     * refreshed; used by the simulated reachability probe.
     */
    List<Workload> liveWorkloads(WorkloadType type, String domain) {
        return telling(() -> {
            List<Workload> live = new ArrayList<>();
            for (SimulatedWorkload w : byDomain.getOrDefault(domain, List.of())) {
                refresh(w);
                if (w.workload.type() == type && w.workload.nextAction() == NextAction.DEPLOY) {
                    live.add(w.workload);
                }
            }
            return live;
        });
    }

    private static Optional<String> servedDomain(WorkloadSpec spec) {
        if (spec instanceof SubdomainSpec subdomain) {
            return Optional.of(subdomain.domain());
        }
        if (spec instanceof ReverseProxySpec proxy) {
            return Optional.of(proxy.domain());
        }
        if (spec instanceof ContainerSpec container) {
            return Optional.ofNullable(container.environment().get("DOMAIN"));
        }
        return Optional.empty();
    }

    // ---- GridClient: directory ----------------------------------------------------------------------------

    @Override
    public synchronized List<Farm> listFarms() {
        failures.onCall("listFarms");
        return List.copyOf(farms.values());
    }

    @Override
    public synchronized Optional<Farm> getFarm(long farmId) {
        failures.onCall("getFarm");
        return Optional.ofNullable(farms.get(farmId));
    }

    @Override
    public synchronized List<Node> listNodes(long farmId) {
        failures.onCall("listNodes");
        return nodes.values().stream().filter(n -> n.farmId() == farmId).map(this::heartbeat).toList();
    }

    @Override
    public synchronized Optional<Node> getNode(String nodeId) {
        failures.onCall("getNode");
        return Optional.ofNullable(nodes.get(nodeId)).map(this::heartbeat);
    }

    @Override
    public synchronized List<Gateway> listGateways() {
        failures.onCall("listGateways");
        return gateways.values().stream().map(this::heartbeat).toList();
    }

    @Override
    public synchronized Optional<Gateway> getGateway(String nodeId) {
        failures.onCall("getGateway");
        return Optional.ofNullable(gateways.get(nodeId)).map(this::heartbeat);
    }

    // ---- GridClient: phonebook ----------------------------------------------------------------------------

    @Override
    public synchronized Optional<GridUser> findUser(String name) {
        failures.onCall("findUser");
        return Optional.ofNullable(usersByName.get(name));
    }

    @Override
    public synchronized GridUser registerUser(String name, String email, String pubkeyHex) {
        failures.onCall("registerUser");
        if (name.length() < 3 || !name.equals(name.toLowerCase(Locale.ROOT))
                || !email.equals(email.toLowerCase(Locale.ROOT))) {
            throw new GridException("user names and e-mails must be lower case and names at least 3 characters");
        }
        if (usersByName.containsKey(name) || userEmails.contains(email)) {
            throw new GridConflictException("user with same name or email exists");
        }
        GridUser user = new GridUser(userIds.incrementAndGet(), name, email, pubkeyHex);
        users.put(user.id(), user);
        usersByName.put(name, user);
        userEmails.add(email);
        return user;
    }

    // ---- GridClient: pools --------------------------------------------------------------------------------

    @Override
    public synchronized UnitPrices unitPrices() {
        failures.onCall("unitPrices");
        return prices;
    }

    /**
     * What a container does once it runs (for 3Bots: {@link SimulatedEntrypoint#started}); called on the thread
     * that first sees it running.
     */
    public synchronized void onContainerStarted(java.util.function.Consumer<ContainerSpec> behaviour) {
        this.containerStarted = java.util.Objects.requireNonNull(behaviour);
    }

    /**
     * Says that workloads arrive with their secrets encrypted for their nodes (behind the explorer simulator), which
     * the simulated nodes cannot open: containers then skip what needs their secrets (the identity check and the
     * backup set-up of the 3Bot entrypoint).
     */
    public synchronized void secretsSealedForNodes(boolean sealed) {
        this.secretsSealed = sealed;
    }

    /** Changes what the grid charges from now on, as a price change on a real grid would. */
    public synchronized void setUnitPrices(UnitPrices value) {
        this.prices = java.util.Objects.requireNonNull(value);
    }

    @Override
    public synchronized PoolReservation reservePool(PoolRequest request, GridIdentity customer) {
        requireUser(customer);
        return reservePool(request, customer.tid());
    }

    /**
     * Reserves a pool for a customer whose signature the caller (a front-end such as the explorer simulator)
     * already checked.
     */
    public synchronized PoolReservation reservePool(PoolRequest request, long customerTid) {
        failures.onCall("reservePool");
        requireUser(customerTid);
        if (request.nodeIds().isEmpty() || new HashSet<>(request.nodeIds()).size() != request.nodeIds().size()) {
            throw new GridException("a pool needs distinct node ids");
        }
        Set<Long> farmIds = new HashSet<>();
        for (String id : request.nodeIds()) {
            farmIds.add(farmOf(id).orElseThrow(() -> new GridNotFoundException("node " + id + " does not exist")));
        }
        if (farmIds.size() > 1) {
            throw new GridException("a pool's nodes must belong to one farm");
        }
        long reservationId = reservationIds.incrementAndGet();
        long poolId = request.poolId();
        if (poolId == 0) {
            poolId = reservationId;
            pools.put(poolId, new PoolAccount(poolId, customerTid, request.nodeIds(), clock.instant()));
        } else {
            PoolAccount pool = pools.get(poolId);
            if (pool == null) {
                throw new GridNotFoundException("pool " + poolId + " does not exist");
            }
            if (pool.customerTid != customerTid) {
                throw new GridUnauthorizedException("pool " + poolId + " belongs to another customer");
            }
            for (String id : request.nodeIds()) {
                if (!pool.nodeIds.contains(id)) {
                    pool.nodeIds.add(id);
                }
            }
        }
        long amount = prices.cost(request.cus(), request.sus());
        Reservation reservation = new Reservation(reservationId, poolId, request.cus(), request.sus(), amount);
        reservations.put(reservationId, reservation);
        if (amount == 0) {
            settle(reservation);
        }
        return new PoolReservation(reservationId, escrowAddress(reservationId), "TFT:SIMULATED", amount);
    }

    @Override
    public synchronized Optional<PoolPayment> getPoolPayment(long reservationId) {
        failures.onCall("getPoolPayment");
        Reservation r = reservations.get(reservationId);
        return r == null ? Optional.empty()
                : Optional.of(new PoolPayment(r.reservationId, r.paid, r.paid, r.canceled, ""));
    }

    @Override
    public synchronized Optional<Pool> getPool(long poolId) {
        failures.onCall("getPool");
        PoolAccount pool = pools.get(poolId);
        if (pool == null) {
            return Optional.empty();
        }
        syncPool(pool);
        return Optional.of(pool.snapshot());
    }

    @Override
    public synchronized List<Pool> listPools(long ownerTid) {
        failures.onCall("listPools");
        List<Pool> owned = new ArrayList<>();
        for (PoolAccount pool : pools.values()) {
            if (pool.customerTid == ownerTid) {
                syncPool(pool);
                owned.add(pool.snapshot());
            }
        }
        return owned;
    }

    /** Called by {@link SimulatedPayments} when the escrow of a reservation is paid. */
    synchronized void escrowPaid(String escrowAddress, long amountStroops) {
        long reservationId = Long.parseLong(escrowAddress.substring(escrowAddress.lastIndexOf('-') + 1));
        Reservation r = reservations.get(reservationId);
        if (r == null) {
            throw new GridNotFoundException("no reservation for escrow " + escrowAddress);
        }
        if (amountStroops < r.amountStroops) {
            throw new GridException("escrow " + escrowAddress + " needs " + r.amountStroops + " stroops");
        }
        if (!r.paid) {
            settle(r);
        }
    }

    private void settle(Reservation r) {
        r.paid = true;
        PoolAccount pool = pools.get(r.poolId);
        syncPool(pool);
        pool.cus += r.cus;
        pool.sus += r.sus;
    }

    static String escrowAddress(long reservationId) {
        return "SIMULATED-ESCROW-" + reservationId;
    }

    // ---- GridClient: workloads ----------------------------------------------------------------------------

    @Override
    public synchronized long deployWorkload(Workload workload, GridIdentity customer) {
        requireUser(customer);
        return deployWorkload(workload, customer.tid());
    }

    /** Deploys for a customer whose signature the caller already checked. */
    public synchronized long deployWorkload(Workload workload, long customerTid) {
        failures.onCall("deployWorkload");
        failures.onDeploy(workload.type());
        requireUser(customerTid);
        PoolAccount pool = pools.get(workload.poolId());
        if (pool == null) {
            throw new GridNotFoundException("pool " + workload.poolId() + " does not exist");
        }
        if (pool.customerTid != customerTid) {
            throw new GridUnauthorizedException("pool " + workload.poolId() + " belongs to another customer");
        }
        if (!pool.nodeIds.contains(workload.nodeId())) {
            throw new GridUnauthorizedException("node " + workload.nodeId() + " is not in pool " + pool.poolId);
        }
        if (workload.type().onGateway() != gateways.containsKey(workload.nodeId())) {
            throw new GridException(workload.type() + " workloads cannot run on " + workload.nodeId());
        }
        Instant now = clock.instant();
        long id = workloadIds.incrementAndGet();
        Workload stored = workload.withId(id, customerTid).withNextAction(NextAction.DEPLOY);
        if (workload.spec() instanceof ContainerSpec container) {
            syncPool(pool);
            double cu = container.capacity().computeUnits();
            double su = container.capacity().storageUnits();
            if (pool.secondsLeft(pool.activeCu + cu, pool.activeSu + su) < MIN_POOL_SECONDS) {
                SimulatedWorkload refused = new SimulatedWorkload(stored.withNextAction(NextAction.INVALID), now,
                        Optional.empty());
                workloads.put(id, refused);
                byCustomer.computeIfAbsent(customerTid, c -> new ArrayList<>()).add(refused);
                throw new GridPaymentRequiredException("pool " + pool.poolId + " cannot feed workload " + id
                        + " for " + (long) MIN_POOL_SECONDS + " seconds");
            }
            pool.activeCu += cu;
            pool.activeSu += su;
            reserve(workload.nodeId(), container.capacity().resources());
        }
        SimulatedWorkload simulated = new SimulatedWorkload(stored, now, failures.plannedFailure(workload.type(),
                workload.nodeId()).or(() -> entrypointFailure(workload)));
        workloads.put(id, simulated);
        byCustomer.computeIfAbsent(customerTid, c -> new ArrayList<>()).add(simulated);
        servedDomain(workload.spec())
                .ifPresent(domain -> byDomain.computeIfAbsent(domain, d -> new ArrayList<>()).add(simulated));
        return id;
    }

    @Override
    public Optional<Workload> getWorkload(long workloadId) {
        called("getWorkload");
        return telling(() -> {
            SimulatedWorkload w = workloads.get(workloadId);
            if (w == null) {
                return Optional.empty();
            }
            refresh(w);
            return Optional.of(w.workload);
        });
    }

    @Override
    public List<Workload> getWorkloads(List<Long> workloadIds) {
        called("getWorkloads");
        return telling(() -> {
            List<Workload> found = new ArrayList<>();
            for (long id : workloadIds) {
                SimulatedWorkload w = workloads.get(id);
                if (w != null) {
                    refresh(w);
                    found.add(w.workload);
                }
            }
            return found;
        });
    }

    /** Every user the grid knows, by id: for state dumps and checks. */
    public synchronized List<GridUser> users() {
        return List.copyOf(users.values());
    }

    @Override
    public List<Workload> listWorkloads(long customerTid) {
        called("listWorkloads");
        return telling(() -> {
            List<Workload> found = new ArrayList<>();
            for (SimulatedWorkload w : byCustomer.getOrDefault(customerTid, List.of())) {
                refresh(w);
                found.add(w.workload);
            }
            return found;
        });
    }

    @Override
    public void decommission(long workloadId, GridIdentity customer) {
        synchronized (this) {
            requireUser(customer);
        }
        decommission(workloadId, customer.tid());
    }

    /** Decommissions for a customer whose signature the caller already checked. */
    public void decommission(long workloadId, long customerTid) {
        try {
            decommissionLocked(workloadId, customerTid);
        } finally {
            tell(drainStarted());
        }
    }

    private synchronized void decommissionLocked(long workloadId, long customerTid) {
        failures.onCall("decommission");
        SimulatedWorkload w = workloads.get(workloadId);
        if (w == null) {
            throw new GridNotFoundException("workload " + workloadId + " does not exist");
        }
        if (w.workload.customerTid() != customerTid) {
            throw new GridUnauthorizedException("workload " + workloadId + " belongs to another customer");
        }
        refresh(w);
        if (w.workload.nextAction().isGone()) {
            return;
        }
        release(w);
        w.workload = w.workload.withNextAction(NextAction.DELETE);
        w.deleteRequestedAt = clock.instant();
    }

    /** A call of the grid's API, which a test may have made fail ({@link #failures()}). */
    private synchronized void called(String method) {
        failures.onCall(method);
    }

    /**
     * Reads under the grid's lock, then tells the containers it saw start ({@link #onContainerStarted}) once the lock
     * is let go: a 3Bot's start does I/O of its own (its backup set-up writes to the deployer's store), which would
     * hold every other call to the grid up. A container shows no result until its start was told, as when the start
     * ran under the lock; when this call told one, it reads again, so that its caller sees the container running.
     */
    private <T> T telling(java.util.function.Supplier<T> read) {
        T result;
        List<Start> started;
        synchronized (this) {
            result = read.get();
            started = drainStarted();
        }
        if (started.isEmpty()) {
            return result;
        }
        tell(started);
        synchronized (this) {
            return read.get();
        }
    }

    private synchronized List<Start> drainStarted() {
        List<Start> started = List.copyOf(startedUntold);
        startedUntold.clear();
        return started;
    }

    /** Runs the containers' starts, without the lock, then shows each running. */
    private void tell(List<Start> started) {
        java.util.function.Consumer<ContainerSpec> behaviour;
        synchronized (this) {
            behaviour = containerStarted;
        }
        for (Start start : started) {
            try {
                behaviour.accept(start.container());
            } finally {
                synchronized (this) {
                    SimulatedWorkload w = start.workload();
                    w.starting = false;
                    if (w.workload.result().isEmpty()) { // not removed meanwhile
                        w.workload = w.workload.withResult(start.result());
                    }
                }
            }
        }
    }

    // ---- internals ----------------------------------------------------------------------------------------

    private void requireUser(GridIdentity customer) {
        GridUser user = users.get(customer.tid());
        if (user == null || !user.pubkeyHex().equals(customer.keys().publicKeyHex())) {
            throw new GridUnauthorizedException("the request is not signed by a registered identity");
        }
    }

    private void requireUser(long tid) {
        if (!users.containsKey(tid)) {
            throw new GridUnauthorizedException("no registered identity " + tid);
        }
    }

    /** A phonebook user by id. */
    public synchronized Optional<GridUser> getUser(long tid) {
        return Optional.ofNullable(users.get(tid));
    }

    private Optional<Long> farmOf(String nodeId) {
        Node node = nodes.get(nodeId);
        if (node != null) {
            return Optional.of(node.farmId());
        }
        return Optional.ofNullable(gateways.get(nodeId)).map(Gateway::farmId);
    }

    private boolean isUp(String nodeId) {
        return (nodes.containsKey(nodeId) || gateways.containsKey(nodeId)) && !down.contains(nodeId);
    }

    private void reserve(String nodeId, ResourceUnits units) {
        nodes.computeIfPresent(nodeId, (id, n) -> n.withReserved(n.reserved().plus(units)));
    }

    /** Gives back what a workload held: node capacity and pool consumption. */
    private void release(SimulatedWorkload w) {
        if (w.workload.spec() instanceof ContainerSpec container && w.workload.nextAction() == NextAction.DEPLOY
                && !w.released) {
            w.released = true;
            nodes.computeIfPresent(w.workload.nodeId(),
                    (id, n) -> n.withReserved(n.reserved().minus(container.capacity().resources())));
            PoolAccount pool = pools.get(w.workload.poolId());
            syncPool(pool);
            pool.activeCu = Math.max(0, pool.activeCu - container.capacity().computeUnits());
            pool.activeSu = Math.max(0, pool.activeSu - container.capacity().storageUnits());
        }
    }

    /** Consumes the pool and, when it ran dry, removes the workloads it fed, as the grid does. */
    private void syncPool(PoolAccount pool) {
        if (!pool.sync(clock.instant())) {
            return;
        }
        for (SimulatedWorkload w : workloads.values()) {
            if (w.workload.poolId() == pool.poolId && w.workload.spec() instanceof ContainerSpec
                    && w.workload.nextAction() == NextAction.DEPLOY && !w.released) {
                w.released = true;
                nodes.computeIfPresent(w.workload.nodeId(), (id, n) -> n.withReserved(
                        n.reserved().minus(((ContainerSpec) w.workload.spec()).capacity().resources())));
                w.workload = w.workload.withNextAction(NextAction.DELETED)
                        .withResult(new WorkloadResult(ResultState.DELETED, "pool ran out of capacity", Map.of(),
                                clock.instant()));
            }
        }
        pool.activeCu = 0;
        pool.activeSu = 0;
    }

    /** Lets time pass for one workload: a node answers after the deploy delay, if it is up. */
    private void refresh(SimulatedWorkload w) {
        if (w.workload.spec() instanceof ContainerSpec && w.workload.nextAction() == NextAction.DEPLOY) {
            syncPool(pools.get(w.workload.poolId()));
        }
        Instant now = clock.instant();
        Workload current = w.workload;
        if (current.nextAction() == NextAction.DEPLOY && current.result().isEmpty() && !w.starting
                && !now.isBefore(w.deployedAt.plus(deployDelay)) && isUp(current.nodeId())) {
            WorkloadResult result = w.plannedFailure
                    .map(msg -> new WorkloadResult(ResultState.ERROR, msg, Map.of(), now))
                    .orElseGet(() -> new WorkloadResult(ResultState.OK, "", resultData(current), now));
            if (result.state() == ResultState.ERROR) {
                release(w);
            }
            if (result.state() == ResultState.OK && current.spec() instanceof ContainerSpec started
                    && !secretsSealed) {
                // told once the grid's lock is let go (telling), and shown running only after that
                w.starting = true;
                startedUntold.add(new Start(w, started, result));
            } else {
                w.workload = current.withResult(result);
            }
        } else if (current.nextAction() == NextAction.DELETE && !now.isBefore(w.deleteRequestedAt.plus(deployDelay))) {
            w.workload = current.withNextAction(NextAction.DELETED)
                    .withResult(new WorkloadResult(ResultState.DELETED, "", Map.of(), now));
        }
    }

    /**
     * What the stock 3Bot container's entrypoint fails on: it derives its identity key from {@code BACKUP_PASSWORD}
     * as {@code password.zfill(32)} and refuses to start when the grid has another key for
     * {@code <THREEBOT_NAME>_<INSTANCE_NAME>}. Containers without those variables are not 3Bots and start.
     */
    private Optional<String> entrypointFailure(Workload workload) {
        if (secretsSealed || !(workload.spec() instanceof ContainerSpec container)
                || !container.environment().containsKey("THREEBOT_NAME")
                || !container.environment().containsKey("INSTANCE_NAME")
                || !container.secretEnvironment().containsKey("BACKUP_PASSWORD")) {
            return Optional.empty();
        }
        String identity = container.environment().get("THREEBOT_NAME") + "_"
                + container.environment().get("INSTANCE_NAME");
        Optional<GridUser> user = users.values().stream().filter(u -> u.name().equals(identity)).findFirst();
        if (user.isEmpty()) {
            return Optional.of("3Bot entrypoint: identity " + identity + " is not registered");
        }
        try {
            String derived = IdentityKeys.fromSeed(KeyDerivation.legacySeed(
                    container.secretEnvironment().get("BACKUP_PASSWORD").value())).publicKeyHex();
            return derived.equals(user.get().pubkeyHex()) ? Optional.empty()
                    : Optional.of("3Bot entrypoint: identity " + identity + " is registered with another key than "
                    + "its BACKUP_PASSWORD derives");
        } catch (IllegalArgumentException e) {
            return Optional.of("3Bot entrypoint: BACKUP_PASSWORD cannot derive a key (" + e.getMessage() + ")");
        }
    }

    private static Map<String, String> resultData(Workload workload) {
        if (workload.spec() instanceof ContainerSpec container && !container.networkConnections().isEmpty()) {
            String ip = container.networkConnections().get(0).ipAddress();
            return Map.of("ipv4", ip, "ipv6", "2a02:1802:5e::" + Long.toHexString(workload.id()));
        }
        return Map.of();
    }
}
