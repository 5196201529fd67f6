package io.threebot.deployer.tfgrid.deploy;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.tfgrid.deploy.ReadyWait.WorkloadErrorException;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.rmb.RmbClient;
import io.threebot.deployer.tfgrid.zos.Deployment;
import io.threebot.deployer.tfgrid.zos.Workload;
import io.threebot.deployer.tfgrid.zos.ZosNodeClient;
import io.threebot.deployer.tfgrid.zos.ZosNodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at a 3Bot's deploy: each step finds its contract (by deployment hash on its node, or by name) or creates
 * it, journals it, sends the deployment unless the node has it, polls its changes until every workload is {@code ok}
 * and journals it ready. A failing step cancels the contracts this attempt created, newest first, and ends in a
 * {@link DeploymentFailedException}; a journal that throws stops the attempt with nothing cancelled.
 */
final class DeployAttempt {
    private static final Logger LOG = LoggerFactory.getLogger(DeployAttempt.class);

    private final GridContext grid;
    private final RmbClient rmb;
    private final Ed25519KeyPair key;
    private final long twinId;
    private final TwinContracts contracts;
    private final DeployJournal journal;
    private final ReadyWait ready;
    private final List<Long> created = new ArrayList<>();
    private final List<Long> found = new ArrayList<>();
    private JournalEntry.Step step = JournalEntry.Step.NETWORK;
    private long stepNode;

    DeployAttempt(GridContext grid, RmbClient rmb, Ed25519KeyPair key, long twinId, DeployJournal journal) {
        this.grid = grid;
        this.rmb = rmb;
        this.key = key;
        this.twinId = twinId;
        this.contracts = new TwinContracts(grid.chain(), key, twinId);
        this.journal = journal;
        this.ready = new ReadyWait(grid);
    }

    /** Runs every step of the plan. */
    DeployedBot run(DeploymentPlan plan) throws InterruptedException {
        Placement at = plan.placement();
        return guarded(() -> {
            List<JournalEntry> done = new ArrayList<>();
            done.add(nodeStep(JournalEntry.Step.NETWORK, at.nodeId(), at.nodeTwin(),
                    BotWorkloads.vmNodeNetwork(plan)));
            if (!plan.vmOnGateway()) {
                done.add(nodeStep(JournalEntry.Step.NETWORK, at.gatewayNodeId(), at.gatewayTwin(),
                        BotWorkloads.gatewayNetwork(plan)));
            }
            done.add(nodeStep(JournalEntry.Step.VM, at.nodeId(), at.nodeTwin(), BotWorkloads.vm(plan)));
            done.add(nameStep(plan.name()));
            done.add(nodeStep(JournalEntry.Step.GATEWAY, at.gatewayNodeId(), at.gatewayTwin(),
                    BotWorkloads.gateway(plan)));
            return new DeployedBot(plan, done);
        });
    }

    /**
     * Brings up the moved plan's VM beside the bot's (its node's network first when it is another node, the gateway's
     * network then peering with both), then switches the gateway's backend to it. The old VM is left running: the
     * caller cancels it ({@link DeployedBot} of the old plan) once this returns.
     */
    DeployedBot move(DeployedBot bot, DeploymentPlan moved) throws InterruptedException {
        DeploymentPlan old = bot.plan();
        Placement at = moved.placement();
        JournalEntry name = bot.nameContract().orElseThrow();
        JournalEntry gatewayNetwork = network(bot, at.gatewayNodeId());
        JournalEntry gateway = bot.entry(JournalEntry.Step.GATEWAY).orElseThrow();
        return guarded(() -> {
            JournalEntry vmNetwork = network(bot, old.placement().nodeId());
            JournalEntry peers = gatewayNetwork;
            if (at.nodeId() != old.placement().nodeId()) {
                vmNetwork = nodeStep(JournalEntry.Step.NETWORK, at.nodeId(), at.nodeTwin(),
                        BotWorkloads.vmNodeNetwork(moved));
                peers = updateStep(JournalEntry.Step.NETWORK, gatewayNetwork, at.gatewayTwin(),
                        version -> BotWorkloads.gatewayNetwork(moved, List.of(old, moved), version));
            }
            JournalEntry vm = nodeStep(JournalEntry.Step.VM, at.nodeId(), at.nodeTwin(), BotWorkloads.vm(moved));
            JournalEntry switched = updateStep(JournalEntry.Step.GATEWAY, gateway, at.gatewayTwin(),
                    version -> BotWorkloads.gateway(moved, version));
            return new DeployedBot(moved, List.of(vmNetwork, peers, vm, name, switched));
        });
    }

    private static JournalEntry network(DeployedBot bot, long nodeId) {
        return bot.entries().stream().filter(e -> e.step() == JournalEntry.Step.NETWORK && e.nodeId() == nodeId)
                .findFirst().orElseThrow(() -> new InvalidInputException("bot", "the 3Bot has no network on node "
                        + nodeId));
    }

    /** Runs steps; when one fails, cancels what this attempt created; when the journal throws, cancels nothing. */
    private <T> T guarded(Steps<T> steps) throws InterruptedException {
        try {
            return steps.run();
        } catch (JournalStop e) {
            throw (RuntimeException) e.getCause();
        } catch (DeployerException e) {
            boolean refused = step == JournalEntry.Step.VM && isCapacityRefusal(e);
            if (refused) {
                journal.capacityRefused(stepNode, e.getMessage()); // what it throws stops the attempt as it is
            }
            throw failed(e, refused);
        }
    }

    /** The phrases zos (and the local grid's nodes) refuse a workload with when the node lacks room for it. */
    private static final List<String> NO_ROOM = List.of("required capacity", "cannot fulfil required",
            "not enough capacity", "not enough space", "not enough storage", "failed to allocate");

    /**
     * Whether a node refused a workload for lack of capacity: zos ends it in error with "failed to satisfy required
     * capacity: cannot fulfil required memory size ..." (or refuses a disk for space).
     */
    static boolean isCapacityRefusal(DeployerException e) {
        if (!(e instanceof WorkloadErrorException) && !(e instanceof ZosNodeException)) {
            return false;
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return NO_ROOM.stream().anyMatch(message::contains);
    }

    /** Steps run under {@link #guarded}. */
    private interface Steps<T> {
        T run() throws InterruptedException;
    }

    /**
     * Updates the deployment under an existing contract to what {@code atVersion} builds at the node's version plus
     * one (nothing when the node has those workloads already, as after a resumed move): the contract's hash first,
     * then {@code zos.deployment.update}, then its changes until ready.
     */
    JournalEntry updateStep(JournalEntry.Step which, JournalEntry entry, long nodeTwin,
            LongFunction<Deployment> atVersion) throws InterruptedException {
        step = which;
        stepNode = entry.nodeId();
        long contractId = entry.contractId();
        ZosNodeClient zos = new ZosNodeClient(rmb, nodeTwin);
        Deployment current = Calls.await(zos.get(contractId, grid.callDeadline()), grid.callDeadline(),
                "reading contract " + contractId);
        Deployment wanted = atVersion.apply(current.version() + 1);
        if (sameWorkloads(current, wanted)) {
            awaitReady(zos, contractId, current.version());
            JournalEntry ready = new JournalEntry(which, entry.nodeId(), contractId, current.challengeHashHex(),
                    true);
            record(ready);
            return ready;
        }
        String hash = wanted.challengeHashHex();
        contracts.updateNodeContract(contractId, hash, wanted.metadata());
        record(new JournalEntry(which, entry.nodeId(), contractId, hash, false));
        Calls.await(zos.update(wanted.withContractId(contractId).signed(twinId, key), grid.callDeadline()),
                grid.callDeadline(), "updating contract " + contractId);
        awaitReady(zos, contractId, wanted.version());
        JournalEntry ready = new JournalEntry(which, entry.nodeId(), contractId, hash, true);
        record(ready);
        return ready;
    }

    private static boolean sameWorkloads(Deployment a, Deployment b) {
        return a.workloads().size() == b.workloads().size() && a.workloads().stream().allMatch(w -> {
            Workload other = b.workload(w.name());
            return other != null && other.data().equals(w.data());
        });
    }

    /** Runs one step of a node deployment (also used alone by a move). */
    JournalEntry nodeStep(JournalEntry.Step which, long nodeId, long nodeTwin, Deployment deployment)
            throws InterruptedException {
        step = which;
        stepNode = nodeId;
        String hash = deployment.challengeHashHex();
        long contractId;
        var existing = contracts.findNodeContract(nodeId, hash);
        if (existing.isPresent()) {
            contractId = existing.get();
            found.add(contractId);
            LOG.info("twin {}: {} on node {} found as contract {}", twinId, which, nodeId, contractId);
        } else {
            contractId = contracts.createNodeContract(nodeId, hash, deployment.metadata());
            created.add(contractId);
        }
        record(new JournalEntry(which, nodeId, contractId, hash, false));
        ZosNodeClient zos = new ZosNodeClient(rmb, nodeTwin);
        if (!nodeHas(zos, contractId)) {
            Calls.await(zos.deploy(deployment.withContractId(contractId).signed(twinId, key), grid.callDeadline()),
                    grid.callDeadline(), "deploying on node " + nodeId);
        }
        awaitReady(zos, contractId, deployment.version());
        JournalEntry ready = new JournalEntry(which, nodeId, contractId, hash, true);
        record(ready);
        return ready;
    }

    private JournalEntry nameStep(String name) {
        step = JournalEntry.Step.NAME;
        stepNode = 0;
        var existing = contracts.findNameContract(name);
        long contractId;
        if (existing.isPresent()) {
            contractId = existing.get();
            found.add(contractId);
        } else {
            contractId = contracts.createNameContract(name);
            created.add(contractId);
        }
        JournalEntry entry = new JournalEntry(JournalEntry.Step.NAME, 0, contractId, "", true);
        record(entry);
        return entry;
    }

    private boolean nodeHas(ZosNodeClient zos, long contractId) throws InterruptedException {
        try {
            Calls.await(zos.get(contractId, grid.callDeadline()), grid.callDeadline(), "reading contract "
                    + contractId);
            return true;
        } catch (ZosNodeException e) {
            return false; // the node has no deployment for it
        }
    }

    /** Polls the contract's deployment until its workloads are ready at {@code version} ({@link ReadyWait}). */
    private void awaitReady(ZosNodeClient zos, long contractId, long version) throws InterruptedException {
        ready.await(contractId, version, deadline -> Calls.await(zos.changes(contractId, deadline), deadline,
                "polling contract " + contractId));
    }

    private void record(JournalEntry entry) {
        try {
            journal.record(entry);
        } catch (RuntimeException e) {
            throw new JournalStop(e);
        }
    }

    private DeploymentFailedException failed(DeployerException cause, boolean capacityRefused) {
        List<Long> cancelled = new ArrayList<>();
        List<Long> left = new ArrayList<>(found);
        for (int i = created.size() - 1; i >= 0; i--) {
            long id = created.get(i);
            try {
                contracts.cancel(id);
                cancelled.add(id);
            } catch (DeployerException e) {
                LOG.warn("twin {} could not cancel contract {} after a failed deploy: {}", twinId, id,
                        e.getMessage());
                left.add(id);
            }
        }
        String where = step == JournalEntry.Step.NAME ? "" : " on node " + stepNode;
        return new DeploymentFailedException(step, stepNode, "the 3Bot's " + step.name().toLowerCase(
                java.util.Locale.ROOT) + where + " failed: " + cause.getMessage(), cause, cancelled, left,
                capacityRefused);
    }

    /** The journal threw: the attempt stops as it is. */
    private static final class JournalStop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JournalStop(RuntimeException cause) {
            super(cause);
        }
    }
}
