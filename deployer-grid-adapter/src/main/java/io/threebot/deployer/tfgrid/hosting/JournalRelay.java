package io.threebot.deployer.tfgrid.hosting;

import io.threebot.deployer.spi.HostingJournal;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.tfgrid.deploy.DeployJournal;
import io.threebot.deployer.tfgrid.deploy.DeploymentPlan;
import io.threebot.deployer.tfgrid.deploy.JournalEntry;

/**
 * Passes a deploy's journal entries on to the deployer's {@link HostingJournal} (as {@link HostingCodec} JSON, before
 * the deploy goes on) and tells the user what each one means in plain words; a node's refusal of the VM for capacity
 * is journaled as well. What the journal throws stops the
 * deploy, as the SPI wants.
 */
final class JournalRelay implements DeployJournal {
    private final DeploymentPlan plan;
    private final HostingJournal journal;
    private final Progress progress;

    JournalRelay(DeploymentPlan plan, HostingJournal journal, Progress progress) {
        this.plan = plan;
        this.journal = journal;
        this.progress = progress;
    }

    @Override
    public void record(JournalEntry entry) {
        journal.record(HostingCodec.entry(entry));
        progress.update(words(plan, entry));
    }

    /** Journals the refusal ({@link HostingCodec#refused}) before the attempt undoes anything. */
    @Override
    public void capacityRefused(long nodeId, String reason) {
        journal.record(HostingCodec.refused(nodeId));
        progress.update("Node " + nodeId + " has no room for the 3Bot's virtual machine; placing it on another node");
    }

    /** What an entry means to the user. */
    static String words(DeploymentPlan plan, JournalEntry entry) {
        long node = entry.nodeId();
        return switch (entry.step()) {
            case NETWORK -> entry.ready() ? "The private network is up on node " + node
                    : "Created the network contract on node " + node + "; setting up the private network there";
            case VM -> entry.ready() ? "The 3Bot's virtual machine runs on node " + node
                    : "Created the virtual machine's contract on node " + node + "; starting it";
            case NAME -> "Reserved the name " + plan.name();
            case GATEWAY -> entry.ready() ? "The gateway serves https://" + plan.fqdn()
                    : "Created the gateway contract on node " + node + "; setting up " + plan.fqdn();
        };
    }
}
