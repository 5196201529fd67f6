package io.threebot.deployer.tfgrid.deploy;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.tfgrid.chain.Contract;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.rmb.RmbClient;
import io.threebot.deployer.tfgrid.zos.Deployment;
import io.threebot.deployer.tfgrid.zos.Workload;
import io.threebot.deployer.tfgrid.zos.WorkloadResult;
import io.threebot.deployer.tfgrid.zos.ZosNodeClient;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A 3Bot's own twin on the grid, logged in to the relay: it plans, deploys and runs the 3Bot's contracts, which it
 * owns and pays for. Made by {@link ThreebotGrid#twin}; closed when done (its relay connection).
 *
 * <p>Every method that talks to the grid has a deadline (the grid's call and ready deadlines) and fails with a typed
 * {@link DeployerException}. Thread-safe: calls for different 3Bots of one twin may run at once; one 3Bot's
 * operations are the caller's to serialize.
 */
public final class BotTwin implements AutoCloseable {
    private static final int FIRST_PORT = 2000;
    private static final int PORTS = 28_000;

    private final GridContext grid;
    private final Ed25519KeyPair key;
    private final long twinId;
    private final RmbClient rmb;
    private final TwinContracts contracts;
    private final SecureRandom random = new SecureRandom();

    BotTwin(GridContext grid, Ed25519KeyPair key, long twinId, RmbClient rmb) {
        this.grid = grid;
        this.key = key;
        this.twinId = twinId;
        this.rmb = rmb;
        this.contracts = new TwinContracts(grid.chain(), key, twinId);
    }

    /** The twin's id. */
    public long twinId() {
        return twinId;
    }

    /** The twin's account (SS58), which funds are sent to. */
    public String address() {
        return key.address();
    }

    /**
     * Chooses everything a deploy will send, once: a network range, WireGuard keys for each end, and WireGuard ports
     * the nodes do not use yet (asked over RMB).
     *
     * @param name      the 3Bot's name
     * @param size      its VM's size
     * @param placement where it goes ({@link ThreebotGrid#place})
     * @param env       its VM's environment, the container secret included (the node sees it)
     * @throws InvalidInputException when the name or a value is not acceptable
     * @throws DeployerException     when a node does not answer within the call deadline
     */
    public DeploymentPlan plan(String name, BotSize size, Placement placement, Map<String, String> env)
            throws InterruptedException {
        Objects.requireNonNull(placement, "placement");
        int vmPort = freePort(placement.nodeTwin(), Set.of());
        int gatewayPort = placement.nodeId() == placement.gatewayNodeId() ? vmPort
                : freePort(placement.gatewayTwin(), Set.of(vmPort));
        return new DeploymentPlan(name, twinId, size, placement, grid.flist(), env, 16 + random.nextInt(239),
                WireguardKey.generate(), vmPort, WireguardKey.generate(), gatewayPort, WireguardKey.generate(), 2, 2);
    }

    private int freePort(long nodeTwin, Set<Integer> avoid) throws InterruptedException {
        Set<Integer> taken = new HashSet<>(Calls.await(new ZosNodeClient(rmb, nodeTwin)
                .wireguardPorts(grid.callDeadline()), grid.callDeadline(), "listing the WireGuard ports of twin "
                + nodeTwin));
        taken.addAll(avoid);
        while (true) {
            int port = FIRST_PORT + random.nextInt(PORTS);
            if (!taken.contains(port)) {
                return port;
            }
        }
    }

    /**
     * Deploys the plan step by step (networks, VM, name, gateway), reporting each step to the journal. Run again with
     * the same plan after a crash or a failure, it finds what exists and makes only what is missing.
     *
     * @return the 3Bot's contracts, every step done
     * @throws DeploymentFailedException when a step fails; what this attempt created is cancelled
     * @throws RuntimeException          what the journal threw; nothing is cancelled
     */
    public DeployedBot deploy(DeploymentPlan plan, DeployJournal journal) throws InterruptedException {
        checkOwn(plan);
        return new DeployAttempt(grid, rmb, key, twinId, Objects.requireNonNull(journal, "journal")).run(plan);
    }

    /**
     * The plan of a 3Bot whose VM goes to another node before it ever ran (its node refused it for capacity): the same
     * name, gateway, network range, environment and WireGuard configuration for the user
     * ({@link DeploymentPlan#userWireguardConfig()}), the VM on {@code to}'s node with a WireGuard end of its own (a
     * port that node does not use). Persist it before deploying it; cancel what the first plan made.
     *
     * @param to where the VM goes now ({@link ThreebotGrid#placeElsewhere}); its gateway must be the plan's
     * @throws InvalidInputException when the gateway differs or the node is the plan's
     * @throws DeployerException     when the new node does not answer within the call deadline
     */
    public DeploymentPlan planElsewhere(DeploymentPlan plan, Placement to) throws InterruptedException {
        checkOwn(plan);
        Objects.requireNonNull(to, "to");
        Placement from = plan.placement();
        if (to.gatewayNodeId() != from.gatewayNodeId() || !to.domain().equals(from.domain())) {
            throw new InvalidInputException("placement", "a VM placed again keeps the 3Bot's gateway");
        }
        if (to.nodeId() == from.nodeId()) {
            throw new InvalidInputException("placement", "a VM placed again goes to another node");
        }
        boolean onGateway = to.nodeId() == to.gatewayNodeId();
        return plan.placedAgain(to, WireguardKey.generate(), onGateway ? 0 : freePort(to.nodeTwin(), Set.of()));
    }

    /**
     * Cancels these contracts of the twin, newest first; one that is gone already (or not the twin's) is skipped. For contracts a caller
     * journaled and no longer wants, such as those of a plan whose VM was placed again.
     */
    public void cancelContracts(Collection<Long> contractIds) {
        cancelNewestFirst(contractIds);
    }

    /**
     * Starts a stopped 3Bot: deploys its plan again (new node contracts; the name contract is found).
     *
     * @see #deploy
     */
    public DeployedBot start(DeploymentPlan plan, DeployJournal journal) throws InterruptedException {
        return deploy(plan, journal);
    }

    /**
     * Plans a move or resize of a running 3Bot ({@link #move}): the new VM's size and node, and, on another node, a
     * new WireGuard end there (a port that node does not use). Persist it before moving, to resume the move with it.
     *
     * @param to where the VM goes; its gateway must be the 3Bot's ({@link Placement#withNode})
     * @throws InvalidInputException when the 3Bot is not fully deployed, the gateway differs, or the VM is or would
     *                               be on the gateway node
     */
    public DeploymentPlan planMove(DeployedBot bot, BotSize size, Placement to) throws InterruptedException {
        checkOwn(bot.plan());
        DeploymentPlan old = bot.plan();
        if (!bot.complete() || bot.nameContract().isEmpty()) {
            throw new InvalidInputException("bot", "only a fully deployed 3Bot is moved");
        }
        if (to.gatewayNodeId() != old.placement().gatewayNodeId()) {
            throw new InvalidInputException("placement", "a move keeps the 3Bot's gateway");
        }
        if (old.vmOnGateway() || to.nodeId() == to.gatewayNodeId()) {
            throw new InvalidInputException("placement", "a VM on its gateway node is not moved");
        }
        boolean sameNode = to.nodeId() == old.placement().nodeId();
        return old.movedTo(Objects.requireNonNull(size, "size"), to,
                sameNode ? old.vmNodeKey() : WireguardKey.generate(),
                sameNode ? old.vmNodePort() : freePort(to.nodeTwin(), Set.of()));
    }

    /**
     * Moves or resizes a running 3Bot without downtime, to a plan from {@link #planMove}: a new VM comes up beside the
     * old one (on the same node, or on the new node with the 3Bot's network extended to it), the gateway's backend
     * switches to it once it is ready, then the old VM (and, after a move, its node's network) is cancelled. The
     * name, gateway and the user's WireGuard peer stay. Run again with the same bot and plan after a crash, it finds
     * what exists and updates only what is not updated yet.
     *
     * @return the 3Bot as it now is, with the moved plan
     * @throws DeploymentFailedException when a step fails: the new VM (and network) are cancelled, the old one runs
     */
    public DeployedBot move(DeployedBot bot, DeploymentPlan moved, DeployJournal journal)
            throws InterruptedException {
        DeployedBot now = switchTo(bot, moved, journal);
        for (long id : replaced(bot, moved)) {
            contracts.cancel(id);
        }
        return now;
    }

    /**
     * The first part of {@link #move}: the new VM comes up beside the old one and the gateway's backend switches to
     * it; the old VM still runs (cancel {@link #replaced} then). Run again after a crash, it finds what exists.
     *
     * @return the 3Bot as it now is, with the moved plan, served by its new VM
     * @throws DeploymentFailedException when a step fails: the new VM (and network) are cancelled, the old one runs
     */
    public DeployedBot switchTo(DeployedBot bot, DeploymentPlan moved, DeployJournal journal)
            throws InterruptedException {
        checkOwn(bot.plan());
        checkOwn(moved);
        return new DeployAttempt(grid, rmb, key, twinId, Objects.requireNonNull(journal, "journal")).move(bot, moved);
    }

    /**
     * The contracts a {@link #switchTo} leaves without use, to cancel: the old VM's and, after a move to another node,
     * the 3Bot's network on its old node.
     */
    public List<Long> replaced(DeployedBot bot, DeploymentPlan moved) {
        DeploymentPlan old = bot.plan();
        List<Long> ids = new ArrayList<>();
        ids.add(bot.entry(JournalEntry.Step.VM).orElseThrow().contractId());
        if (moved.placement().nodeId() != old.placement().nodeId()) {
            bot.entries().stream().filter(e -> e.step() == JournalEntry.Step.NETWORK
                    && e.nodeId() == old.placement().nodeId()).forEach(e -> ids.add(e.contractId()));
        }
        return ids;
    }

    /**
     * The 3Bot's state: its contracts on the chain, its workloads on their nodes. A 3Bot whose contracts are all gone
     * shows as {@link BotState.Status#DELETED_OUT_OF_FUNDS} when the state read before was
     * {@link BotState.Status#GRACE_PERIOD} (the chain keeps no record of why a contract ended).
     *
     * @param previous the status read last time, when there was one
     */
    public BotState state(DeployedBot bot, Optional<BotState.Status> previous) throws InterruptedException {
        checkOwn(bot.plan());
        List<BotState.ContractStatus> statuses = new ArrayList<>();
        Map<String, WorkloadResult.State> workloads = new LinkedHashMap<>();
        for (JournalEntry entry : bot.entries()) {
            BotState.ContractState state = BotState.ContractState.of(contracts.contract(entry.contractId()));
            statuses.add(new BotState.ContractStatus(entry.step(), entry.nodeId(), entry.contractId(), state));
            if (!entry.isName() && state != BotState.ContractState.GONE) {
                for (Workload w : ReadyWait.latest(Calls.await(new ZosNodeClient(rmb, nodeTwin(bot, entry))
                        .changes(entry.contractId(), grid.callDeadline()), grid.callDeadline(),
                        "reading contract " + entry.contractId())).values()) {
                    workloads.put(entry.step() + "/" + w.name(),
                            w.result() == null ? WorkloadResult.State.NONE : w.result().state());
                }
            }
        }
        return new BotState(status(statuses, workloads, previous), statuses, workloads);
    }

    private static BotState.Status status(List<BotState.ContractStatus> contracts,
            Map<String, WorkloadResult.State> workloads, Optional<BotState.Status> previous) {
        boolean starved = previous.filter(p -> p == BotState.Status.GRACE_PERIOD
                || p == BotState.Status.DELETED_OUT_OF_FUNDS).isPresent();
        switch (FundsVerdict.of(contracts.stream().map(BotState.ContractStatus::state).toList(), starved)) {
            case REMOVED -> {
                return BotState.Status.DELETED_OUT_OF_FUNDS;
            }
            case GRACE_PERIOD -> {
                return BotState.Status.GRACE_PERIOD;
            }
            case FUNDED -> {
                // read on from the contracts and workloads
            }
        }
        List<BotState.ContractStatus> nodes = contracts.stream().filter(c -> c.step() != JournalEntry.Step.NAME)
                .toList();
        boolean nameLive = contracts.stream().anyMatch(c -> c.step() == JournalEntry.Step.NAME
                && c.state() != BotState.ContractState.GONE);
        long gone = nodes.stream().filter(c -> c.state() == BotState.ContractState.GONE).count();
        if (gone == nodes.size() && !nameLive) {
            return BotState.Status.DELETED;
        }
        if (gone == nodes.size()) {
            return BotState.Status.STOPPED;
        }
        if (gone > 0 || workloads.values().stream().anyMatch(s -> s == WorkloadResult.State.ERROR
                || s == WorkloadResult.State.DELETED)) {
            // workloads the node removed while the grace period was seen: removed for lack of funds
            return starved ? BotState.Status.DELETED_OUT_OF_FUNDS : BotState.Status.FAILED;
        }
        if (workloads.values().stream().allMatch(s -> s == WorkloadResult.State.OK)) {
            return BotState.Status.RUNNING;
        }
        return workloads.values().stream().anyMatch(s -> s == WorkloadResult.State.PAUSED)
                ? BotState.Status.GRACE_PERIOD : BotState.Status.DEPLOYING;
    }

    /**
     * Stops the 3Bot: cancels its node contracts (gateway first, networks last), keeps its twin and name contract.
     *
     * @return the 3Bot with only its name contract
     */
    public DeployedBot stop(DeployedBot bot) {
        checkOwn(bot.plan());
        Set<Long> nodeContracts = new LinkedHashSet<>();
        bot.nodeContracts().forEach(e -> nodeContracts.add(e.contractId()));
        nodeContracts.addAll(foundByHash(bot.plan()));
        cancelNewestFirst(new ArrayList<>(nodeContracts));
        return new DeployedBot(bot.plan(), bot.nameContract().stream().toList());
    }

    /**
     * Destroys the 3Bot: cancels every contract it has (the journal's, and any its plan's deployments or name are
     * found under on the grid). The twin stays, with what is left of its balance.
     */
    public void destroy(DeployedBot bot) {
        checkOwn(bot.plan());
        Set<Long> all = new LinkedHashSet<>(bot.contractIds());
        all.addAll(foundByHash(bot.plan()));
        try {
            contracts.findNameContract(bot.plan().name()).ifPresent(all::add);
        } catch (NameTakenException e) {
            // the name is another twin's now: ours is gone already, and theirs is not ours to cancel
        }
        cancelNewestFirst(new ArrayList<>(all));
    }

    private List<Long> foundByHash(DeploymentPlan plan) {
        Placement at = plan.placement();
        List<Long> found = new ArrayList<>();
        List<Map.Entry<Long, Deployment>> deployments = new ArrayList<>(List.of(
                Map.entry(at.nodeId(), BotWorkloads.vmNodeNetwork(plan)), Map.entry(at.nodeId(), BotWorkloads.vm(plan)),
                Map.entry(at.gatewayNodeId(), BotWorkloads.gateway(plan))));
        if (!plan.vmOnGateway()) {
            deployments.add(Map.entry(at.gatewayNodeId(), BotWorkloads.gatewayNetwork(plan)));
        }
        for (Map.Entry<Long, Deployment> d : deployments) {
            contracts.findNodeContract(d.getKey(), d.getValue().challengeHashHex()).ifPresent(found::add);
        }
        return found;
    }

    /**
     * Cancels those of the contracts the chain still holds for this twin, newest first: a cancellation of one gone
     * already would still cost a fee (the chain refuses it only once the extrinsic is in a block).
     */
    private void cancelNewestFirst(Collection<Long> ids) {
        List<Long> live = new ArrayList<>();
        for (long id : new LinkedHashSet<>(ids)) {
            if (contracts.contract(id).filter(c -> c.twinId() == twinId).isPresent()) {
                live.add(id);
            }
        }
        live.sort(java.util.Comparator.reverseOrder());
        for (long id : live) {
            contracts.cancel(id);
        }
    }

    private long nodeTwin(DeployedBot bot, JournalEntry entry) {
        Placement at = bot.plan().placement();
        return entry.nodeId() == at.nodeId() ? at.nodeTwin() : at.gatewayTwin();
    }

    private void checkOwn(DeploymentPlan plan) {
        if (plan.twinId() != twinId) {
            throw new InvalidInputException("plan", "the plan is for twin " + plan.twinId() + ", not " + twinId);
        }
    }

    /** Logs out of the relay. */
    @Override
    public void close() {
        rmb.close();
    }
}
