package io.threebot.deployer.tfgrid.deploy;

import java.util.Objects;

/**
 * What a step of a deploy made, reported as soon as it exists (its contract) and again when it is ready (its
 * workloads {@code ok}), so that a caller can persist it.
 *
 * @param step           the step
 * @param nodeId         the node of a node contract, 0 for the name contract
 * @param contractId     the contract
 * @param deploymentHash the deployment's hash the node contract holds, empty for the name contract
 * @param ready          whether the step is done (workloads ok, or the name contract exists)
 */
public record JournalEntry(Step step, long nodeId, long contractId, String deploymentHash, boolean ready) {
    /** The steps of a 3Bot's deploy, in order. */
    public enum Step {
        /** The 3Bot's private network on a node (the VM's node, then the gateway's). */
        NETWORK,
        /** The VM with its disk. */
        VM,
        /** The name contract for {@code name.<domain>}. */
        NAME,
        /** The gateway name proxy on the gateway node, reaching the VM over the network. */
        GATEWAY
    }

    /** @throws NullPointerException when a part is null */
    public JournalEntry {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(deploymentHash, "deploymentHash");
    }

    /** Whether this is the name contract. */
    public boolean isName() {
        return step == Step.NAME;
    }
}
