package io.threebot.deployer.tfgrid.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A 3Bot's contracts on the grid, as a deploy left them: the plan and the last journal entry of each step (per node
 * for the networks). Rebuilt from a persisted journal with {@link #fromJournal}.
 *
 * @param plan    what was deployed
 * @param entries the steps' entries, in deploy order
 */
public record DeployedBot(DeploymentPlan plan, List<JournalEntry> entries) {
    /** @throws NullPointerException when a part is null */
    public DeployedBot {
        Objects.requireNonNull(plan, "plan");
        entries = List.copyOf(entries);
    }

    /** The bot as a journal records it: the last entry of each step and node, in the order they first came. */
    public static DeployedBot fromJournal(DeploymentPlan plan, List<JournalEntry> journal) {
        Map<String, JournalEntry> last = new LinkedHashMap<>();
        for (JournalEntry entry : journal) {
            last.put(entry.step() + "/" + entry.nodeId(), entry);
        }
        return new DeployedBot(plan, new ArrayList<>(last.values()));
    }

    /** The 3Bot's address, {@code name.<domain>}. */
    public String fqdn() {
        return plan.fqdn();
    }

    /** The node contracts (networks, VM, gateway), in deploy order. */
    public List<JournalEntry> nodeContracts() {
        return entries.stream().filter(e -> !e.isName()).toList();
    }

    /** The name contract, when one was made. */
    public Optional<JournalEntry> nameContract() {
        return entries.stream().filter(JournalEntry::isName).findFirst();
    }

    /** The entry of a step (the first, for the networks). */
    public Optional<JournalEntry> entry(JournalEntry.Step step) {
        return entries.stream().filter(e -> e.step() == step).findFirst();
    }

    /** Every contract id, in deploy order. */
    public List<Long> contractIds() {
        return entries.stream().map(JournalEntry::contractId).toList();
    }

    /** Whether every step is done. */
    public boolean complete() {
        return entry(JournalEntry.Step.GATEWAY).filter(JournalEntry::ready).isPresent();
    }
}
