package io.threebot.deployer.tfgrid.hosting;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.LeaseLostException;
import io.threebot.deployer.spi.HostedThreebot;
import io.threebot.deployer.spi.HostingException;
import io.threebot.deployer.spi.HostingJournal;
import io.threebot.deployer.spi.HostingPlan;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.spi.StoreUnavailableException;
import io.threebot.deployer.tfgrid.deploy.BotTwin;
import io.threebot.deployer.tfgrid.deploy.DeployedBot;
import io.threebot.deployer.tfgrid.deploy.DeploymentFailedException;
import io.threebot.deployer.tfgrid.deploy.DeploymentPlan;
import io.threebot.deployer.tfgrid.deploy.JournalEntry;
import io.threebot.deployer.tfgrid.deploy.ThreebotGrid;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resize or move of a running 3Bot ({@link BotTwin#move}: the new VM beside the old one, the gateway switched, the
 * old one cancelled) from where the change's journal left it. A new VM its node refuses for capacity is placed again,
 * up to {@value TfgridHosting#PLACEMENTS_AGAIN} times, where the change's plan lets it go ({@link ChangeScope}): a
 * resize on another node of the 3Bot's farm, a move on another node of the farms the user chose (a node the user
 * chose: nowhere else); never on a node that refused it in this change, the 3Bot's node or its gateway node. The
 * refusal is journaled before the attempt cancels what it made, then the new plan ({@code PLACED}), then what is left
 * of the refused plan is cancelled and the new plan moved to; a resume reads the journal and goes on from there. The
 * old VM runs until the new one is ready.
 *
 * <p>Until the gateway switches to the new VM, a change that fails for any reason the grid gives (a step, a node that
 * refuses, a cancellation the account cannot pay, a chain that times out, a plan refused) cancels every contract it
 * made (none of the 3Bot's) and fails with a {@link HostingException}; only a failure it resumes from (the deployer's
 * store down, its lease lost, a shutdown) leaves its journal as it is. Once the gateway switched, the change has
 * succeeded: the old VM (and, after a move, its old node's network) is cancelled, and one whose cancellation fails is
 * logged and journaled as given up in the 3Bot returned, so that its next stop, destroy or change cancels it.
 */
final class JournaledChange {
    private static final Logger LOG = LoggerFactory.getLogger(JournaledChange.class);

    private final ThreebotGrid grid;
    private final Elsewhere elsewhere;

    JournaledChange(ThreebotGrid grid, Elsewhere elsewhere) {
        this.grid = grid;
        this.elsewhere = elsewhere;
    }

    /**
     * Runs the change on the 3Bot's twin.
     *
     * @param journaled what earlier runs of this change journaled, in order
     * @return the 3Bot as it now is: the plan its new VM runs with, its entries, and any old contract left to
     *         cancel (given up)
     * @throws HostingException {@link HostingException.Kind#DEPLOYMENT_FAILED} when a step fails, no node takes the
     *                          new VM, or the grid fails otherwise before the switch; what the change made is
     *                          cancelled and the old VM runs
     * @throws DeployerException a store outage or a lost lease the journal reported (nothing is undone: it resumes)
     */
    HostedThreebot run(BotTwin twin, HostedThreebot threebot, HostingPlan changed, List<String> journaled,
            HostingJournal journal, Progress progress) throws InterruptedException {
        JournaledDeploy before = JournaledDeploy.read(HostingCodec.readPlan(threebot.plan().data()),
                threebot.journaled());
        DeployedBot old = before.bot();
        DeploymentPlan sealed = HostingCodec.readPlan(changed.data());
        Optional<PlacementChoice> choice = HostingCodec.readChoice(changed.data());
        Optional<ChangeScope> scope = HostingCodec.readChangeScope(changed.data());
        List<String> all = new ArrayList<>(journaled);
        HostingJournal keeping = entry -> {
            journal.record(entry);
            all.add(entry);
        };
        JournaledDeploy state = JournaledDeploy.read(sealed, all);
        if (old.plan().equals(state.plan())) {
            return threebot; // the change ended and the 3Bot was kept as it left it: resumed after that, nothing is left
        }
        Set<Long> kept = Set.copyOf(old.contractIds());
        DeploymentPlan current;
        DeployedBot now;
        try {
            while (true) {
                if (state.refusalPending()) {
                    DeploymentPlan again = placeAgain(twin, old, state, scope);
                    keeping.record(HostingCodec.placed(again));
                    progress.update(placedWords(old, state.plan(), again, scope));
                    state = JournaledDeploy.read(sealed, all);
                }
                twin.cancelContracts(without(state.givenUp(), kept));
                current = state.plan();
                try {
                    now = twin.switchTo(old, current, new JournalRelay(current, keeping, progress));
                    break;
                } catch (DeploymentFailedException e) {
                    if (!e.capacityRefused()) {
                        throw e;
                    }
                    grid.refusedForCapacity(e.nodeId(), current.size());
                    LOG.info("node {} refused the new VM of 3Bot {} for capacity: {}", e.nodeId(), current.name(),
                            e.getMessage());
                    state = JournaledDeploy.read(sealed, all);
                    if (!state.refusalPending()) {
                        throw e; // the journal did not say so: never placed again blind
                    }
                }
            }
        } catch (DeploymentFailedException e) {
            undo(twin, sealed, all, kept);
            throw new HostingException(HostingException.Kind.DEPLOYMENT_FAILED, "The 3Bot could not be changed: "
                    + e.getMessage() + ". What this attempt made is cancelled; the 3Bot runs as it was.", e);
        } catch (HostingException e) {
            undo(twin, sealed, all, kept);
            throw e;
        } catch (DeployerException e) {
            if (resumable(e)) {
                throw e; // the journal is the deployer's to keep: the change resumes from it, nothing is undone
            }
            undo(twin, sealed, all, kept);
            throw new HostingException(HostingException.Kind.DEPLOYMENT_FAILED, "The 3Bot could not be changed: "
                    + e.getMessage() + ". What this attempt made is cancelled; the 3Bot runs as it was.", e);
        }
        List<String> entries = new ArrayList<>();
        retire(twin, old, current, before.givenUp()).forEach(id -> entries.add(HostingCodec.givenUp(id)));
        now.entries().stream().map(HostingCodec::entry).forEach(entries::add);
        return new HostedThreebot(threebot.account(), TfgridHosting.hostingPlan(current, choice), entries);
    }

    /**
     * Cancels what the switched 3Bot no longer uses: its old VM (and old node's network), and what its record had
     * given up. The change has succeeded (the new VM serves): a cancellation that fails is logged, and what it left is
     * returned, to journal as given up so that the next stop, destroy or change cancels it.
     */
    private static List<Long> retire(BotTwin twin, DeployedBot old, DeploymentPlan current, List<Long> givenUp) {
        List<Long> retired = new ArrayList<>(twin.replaced(old, current));
        retired.addAll(givenUp);
        List<Long> ids = retired.stream().distinct().toList();
        try {
            twin.cancelContracts(ids);
            return List.of();
        } catch (DeployerException e) {
            LOG.warn("3Bot {} runs on its new VM, but its contracts {} could not be cancelled now ({}); they are "
                    + "journaled as given up, to cancel at its next stop, destroy or change", current.name(), ids,
                    e.getMessage());
            return ids;
        }
    }

    /** True for a failure the change resumes from rather than undoes: a store outage, a lost lease, a shutdown. */
    private static boolean resumable(DeployerException e) {
        return Thread.currentThread().isInterrupted() || StoreUnavailableException.findIn(e).isPresent()
                || causedBy(e, LeaseLostException.class);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** A new plan for the refused new VM where the change's scope allows, never on a node excluded. */
    private DeploymentPlan placeAgain(BotTwin twin, DeployedBot old, JournaledDeploy state,
            Optional<ChangeScope> scope) throws InterruptedException {
        DeploymentPlan refused = state.plan();
        String why = "The 3Bot could not be changed: node " + refused.placement().nodeId() + " has no room for its "
                + "new virtual machine";
        String after = ". Please try again later" + (scope.map(ChangeScope::resize).orElse(false) ? ""
                : ", or choose another location") + "; the 3Bot runs as it was.";
        if (state.placements() >= TfgridHosting.PLACEMENTS_AGAIN) {
            throw new HostingException(HostingException.Kind.DEPLOYMENT_FAILED, why + ", nor had the "
                    + TfgridHosting.PLACEMENTS_AGAIN + " nodes tried before it" + after);
        }
        if (scope.isEmpty() || scope.get().where().nodeId().isPresent()) {
            throw new HostingException(HostingException.Kind.DEPLOYMENT_FAILED, why + ", and it may go on no "
                    + "other node" + after);
        }
        Set<Long> excluded = new LinkedHashSet<>(state.refusedNodes());
        excluded.add(old.plan().placement().nodeId());
        excluded.add(old.plan().placement().gatewayNodeId());
        return elsewhere.plan(refused, scope.get().where(), excluded,
                to -> twin.planMove(old, refused.size(), to)).orElseThrow(() -> new HostingException(
                        HostingException.Kind.DEPLOYMENT_FAILED, why + ", and no other node " + (scope.get().resize()
                        ? "of its farm" : "where you chose") + " has room for it now" + after));
    }

    /** What the user reads once the new VM is placed again. */
    static String placedWords(DeployedBot old, DeploymentPlan refused, DeploymentPlan again,
            Optional<ChangeScope> scope) {
        long refusing = refused.placement().nodeId();
        long to = again.placement().nodeId();
        if (scope.map(ChangeScope::resize).orElse(false)) {
            String node = refusing == old.plan().placement().nodeId() ? "its node " + refusing : "node " + refusing;
            return "The 3Bot moves to node " + to + " of its farm because " + node + " has no room for it at its new "
                    + "size; it keeps answering until the new one does.";
        }
        return "Node " + refusing + " has no room for the 3Bot; it moves to node " + to + " instead, and keeps "
                + "answering until the new one does.";
    }

    /**
     * Cancels every node contract this change journaled, under any of its plans, that is not one of the 3Bot's own
     * (the gateway's network and name proxy, updated in place, are): a failure leaves the 3Bot as it was.
     */
    private static void undo(BotTwin twin, DeploymentPlan sealed, List<String> journaled, Set<Long> kept) {
        JournaledDeploy state = JournaledDeploy.read(sealed, journaled);
        List<Long> made = new ArrayList<>(state.givenUp());
        state.entries().stream().filter(e -> !e.isName()).map(JournalEntry::contractId).forEach(made::add);
        try {
            twin.cancelContracts(without(made, kept));
        } catch (DeployerException e) {
            LOG.warn("contracts of a failed change of 3Bot {} could not be cancelled: {}", sealed.name(),
                    e.getMessage());
        }
    }

    private static List<Long> without(List<Long> ids, Set<Long> kept) {
        return ids.stream().filter(id -> !kept.contains(id)).distinct().toList();
    }
}
