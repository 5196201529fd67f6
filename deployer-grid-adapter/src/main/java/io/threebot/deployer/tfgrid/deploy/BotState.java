package io.threebot.deployer.tfgrid.deploy;

import io.threebot.deployer.tfgrid.chain.Contract;
import io.threebot.deployer.tfgrid.zos.WorkloadResult;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A 3Bot's state as the grid shows it: each of its contracts' state on the chain and each workload's state on its
 * node, summed up in a {@link Status}.
 *
 * @param status    the summary
 * @param contracts its contracts
 * @param workloads the latest state of each workload, by {@code step/workload} (e.g. {@code VM/vm})
 */
public record BotState(Status status, List<ContractStatus> contracts, Map<String, WorkloadResult.State> workloads) {
    /** What a 3Bot is doing. */
    public enum Status {
        /** Every contract is in force and every workload {@code ok}. */
        RUNNING,
        /** Contracts in force, some workload not ready yet. */
        DEPLOYING,
        /** A workload failed, or some of its node contracts are gone and others not. */
        FAILED,
        /** A contract is in its grace period: the twin ran out of funds, workloads are paused until topped up. */
        GRACE_PERIOD,
        /** The node contracts are cancelled, the name kept: {@link BotTwin#stop}. */
        STOPPED,
        /** Every contract is gone. */
        DELETED,
        /** The grid deleted its contracts after a grace period without funds. */
        DELETED_OUT_OF_FUNDS
    }

    /** A contract's state on the chain. */
    public enum ContractState {
        /** In force and billed. */
        CREATED,
        /** Its twin ran out of funds. */
        GRACE_PERIOD,
        /** Ended (the chain no longer holds it). */
        GONE;

        /** The state of a contract as the chain holds it, if it does. */
        public static ContractState of(Optional<Contract> onChain) {
            return onChain.map(c -> switch (c.state()) {
                case GRACE_PERIOD -> GRACE_PERIOD;
                case CREATED -> CREATED;
                default -> GONE;
            }).orElse(GONE);
        }
    }

    /**
     * One contract of the 3Bot.
     *
     * @param step       the step that made it
     * @param nodeId     its node, 0 for the name contract
     * @param contractId its id
     * @param state      its state
     */
    public record ContractStatus(JournalEntry.Step step, long nodeId, long contractId, ContractState state) {
        /** @throws NullPointerException when a part is null */
        public ContractStatus {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(state, "state");
        }
    }

    /** @throws NullPointerException when a part is null */
    public BotState {
        Objects.requireNonNull(status, "status");
        contracts = List.copyOf(contracts);
        workloads = Map.copyOf(workloads);
    }
}
