package io.threebot.deployer.tfgrid.hosting;

import io.threebot.deployer.tfgrid.deploy.DeployedBot;
import io.threebot.deployer.tfgrid.deploy.DeploymentPlan;
import io.threebot.deployer.tfgrid.deploy.JournalEntry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A deploy's journal read back against its sealed plan: the plan the 3Bot is deployed with now (the sealed one, or the
 * last one its VM was placed again with), the steps journaled under that plan, the nodes that refused the VM for
 * capacity, whether the last refusal still waits for a new placement, and the node contracts of the plans given up
 * (to cancel: a given-up plan's contracts are never deployed on) with those journaled as given up (an old VM a change
 * could not cancel).
 *
 * @param plan           the plan deployed now
 * @param entries        the steps journaled under it (with the name contract journaled before, which any plan keeps)
 * @param refusedNodes   every node that refused the VM
 * @param refusalPending whether the plan deployed now was refused and no new placement is journaled yet
 * @param placements     how many times the VM was placed again
 * @param givenUp        the node contracts journaled under given-up plans or as given up, not among {@code entries}
 */
record JournaledDeploy(DeploymentPlan plan, List<JournalEntry> entries, Set<Long> refusedNodes,
        boolean refusalPending, int placements, List<Long> givenUp) {

    /**
     * Reads a journal.
     *
     * @throws io.threebot.deployer.errors.InvalidInputException when a line is not one the hosting writes
     */
    static JournaledDeploy read(DeploymentPlan sealed, List<String> journaled) {
        DeploymentPlan plan = sealed;
        List<JournalEntry> entries = new ArrayList<>();
        Set<Long> refused = new LinkedHashSet<>();
        List<Long> givenUp = new ArrayList<>();
        JournalEntry name = null;
        boolean pending = false;
        int placements = 0;
        for (String line : journaled) {
            HostingCodec.Journaled read = HostingCodec.readJournaled(line);
            if (read instanceof HostingCodec.Journaled.Step step) {
                entries.add(step.entry());
                if (step.entry().isName()) {
                    name = step.entry();
                }
            } else if (read instanceof HostingCodec.Journaled.Refused r) {
                refused.add(r.nodeId());
                pending = true;
            } else if (read instanceof HostingCodec.Journaled.GivenUp g) {
                givenUp.add(g.contractId());
            } else if (read instanceof HostingCodec.Journaled.Placed p) {
                entries.stream().filter(e -> !e.isName()).map(JournalEntry::contractId).forEach(givenUp::add);
                entries = new ArrayList<>();
                plan = p.plan();
                pending = false;
                placements++;
            }
        }
        if (name != null && entries.stream().noneMatch(JournalEntry::isName)) {
            entries.add(0, name);
        }
        Set<Long> live = new LinkedHashSet<>();
        entries.forEach(e -> live.add(e.contractId()));
        List<Long> abandoned = givenUp.stream().filter(id -> !live.contains(id)).distinct().toList();
        return new JournaledDeploy(plan, List.copyOf(entries), Set.copyOf(refused), pending, placements, abandoned);
    }

    /** The 3Bot as the journal has it under the plan deployed now. */
    DeployedBot bot() {
        return DeployedBot.fromJournal(plan, entries);
    }
}
