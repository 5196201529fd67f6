package io.threebot.deployer.tfgrid.deploy;

import java.util.Collection;

/**
 * What a 3Bot's contracts on the chain say of its account's funds: the one rule every reader of a 3Bot's state
 * follows ({@link BotTwin#state} with its workloads, the hosting's reader from the chain alone).
 *
 * <p>A contract in its grace period means the account ran out and a top-up brings the 3Bot back. The chain keeps no
 * record of why a contract ended, and contracts are billed, so run out, one at a time: once the grace period was
 * seen, a contract gone (beside others in their grace period or not) is the grid removing the 3Bot for lack of
 * funds; without it seen, a contract gone may be one a change of the 3Bot cancelled.
 */
public enum FundsVerdict {
    /** Nothing says the account ran out. */
    FUNDED,
    /** A contract is in its grace period, and none is gone since the grace period was seen. */
    GRACE_PERIOD,
    /** The grace period was seen and a contract is gone since: the grid removes the 3Bot for lack of funds. */
    REMOVED;

    /**
     * The verdict on the 3Bot's contracts.
     *
     * @param graceSeen whether the state read before showed the grace period (or the removal)
     */
    public static FundsVerdict of(Collection<BotState.ContractState> contracts, boolean graceSeen) {
        if (graceSeen && contracts.contains(BotState.ContractState.GONE)) {
            return REMOVED;
        }
        return contracts.contains(BotState.ContractState.GRACE_PERIOD) ? GRACE_PERIOD : FUNDED;
    }
}
