package io.threebot.deployer.examples.v3grid;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Billing as {@code pallet-smart-contract}'s {@code billing.rs} does it, on the chain's accelerated clock: at each
 * block, the contracts whose id falls on the block's index in the billing loop ({@code id % billingFrequency ==
 * block % billingFrequency}) are charged for the chain time since they were last billed. The amount due is locked
 * on the twin's balance and taken every {@code distributionFrequency} billings. When the twin's usable balance does
 * not cover what the contract has locked, the contract enters its grace period (deployments stay, updates are
 * refused); a balance that covers it again ends the grace period, and a grace period that lasts
 * {@code gracePeriod} blocks deletes the contract ({@code Deleted(OutOfFunds)}).
 */
final class Billing {
    private static final String NAME = SmartContractPallet.NAME;

    private Billing() {
    }

    /** Bills the contracts due at this block. */
    static void billBlock(BlockContext ctx) {
        long index = ctx.blockNumber % ctx.config.billingFrequency();
        List<Contract> due = ctx.state.contracts.values().stream()
                .filter(c -> c.id() % ctx.config.billingFrequency() == index).toList();
        for (Contract contract : due) {
            bill(ctx, contract, null);
        }
    }

    /** Bills a contract being deleted for the given cause, then removes it. */
    static void billDeleted(BlockContext ctx, Contract contract, String cause) {
        bill(ctx, contract, cause);
    }

    private static void bill(BlockContext ctx, Contract contract, String deleteCause) {
        Twin twin = ctx.state.twins.get(contract.twinId());
        if (twin == null) {
            throw new ModuleError(NAME, "TwinNotExists");
        }
        BigInteger usable = ctx.state.account(twin.account()).usable();
        ContractLock lock = ctx.state.contractLocks.getOrDefault(contract.id(),
                new ContractLock(BigInteger.ZERO, ctx.nowSeconds, 0));
        long elapsed = Math.max(0, ctx.nowSeconds - lock.lockUpdated());
        Resources used = ctx.state.contractResources.getOrDefault(contract.id(), Resources.NONE);
        BigInteger amountDue = PricingPolicy.cost(contract, used, elapsed, ctx.config.tftPriceMusd());
        if (amountDue.signum() == 0 && deleteCause == null) {
            return;
        }
        BigInteger lockAmount = lock.amountLocked().add(amountDue);
        String cause = deleteCause;
        Contract current = contract;
        if (cause == null) {
            if (current.state() == Contract.State.GRACE_PERIOD) {
                if (usable.compareTo(lockAmount) > 0) {
                    current = current.inState(Contract.State.CREATED, 0);
                    ctx.deposit(NAME, "ContractGracePeriodEnded", graceData(current, -1));
                } else if (ctx.blockNumber - current.graceStartBlock() >= ctx.config.gracePeriod()) {
                    cause = "OutOfFunds";
                }
            } else if (lockAmount.compareTo(usable) >= 0) {
                current = current.inState(Contract.State.GRACE_PERIOD, ctx.blockNumber);
                ctx.deposit(NAME, "ContractGracePeriodStarted", graceData(current, ctx.blockNumber));
            }
            if (current != contract) {
                ctx.state.contracts.put(current.id(), current);
                ctx.deposit(NAME, "ContractUpdated", ScaleValues.contract(current));
            }
        }
        boolean deleting = cause != null;
        if (!deleting) {
            lock = new ContractLock(lockAmount, ctx.nowSeconds, lock.cycles() + 1);
        }
        if (!deleting && current.state() == Contract.State.GRACE_PERIOD) {
            ctx.state.contractLocks.put(current.id(), lock);
            return;
        }
        if (!deleting) {
            BalancesPallet.lock(ctx, twin.account(), amountDue);
        }
        if (lock.cycles() >= ctx.config.distributionFrequency() || deleting && lock.amountLocked().signum() > 0) {
            BigInteger taken = BalancesPallet.unlockAndTake(ctx, twin.account(), lock.amountLocked());
            if (taken.signum() > 0) {
                Map<String, Object> burned = new LinkedHashMap<>();
                burned.put("contract_id", current.id());
                burned.put("amount", taken);
                ctx.deposit(NAME, "TokensBurned", burned);
            }
            lock = new ContractLock(BigInteger.ZERO, ctx.nowSeconds, 0);
        }
        Map<String, Object> bill = new LinkedHashMap<>();
        bill.put("contract_id", current.id());
        bill.put("timestamp", ctx.nowSeconds);
        bill.put("discount_level", "None");
        bill.put("amount_billed", amountDue);
        ctx.deposit(NAME, "ContractBilled", bill);
        if (deleting) {
            ctx.deposit(NAME, "ContractUpdated", ScaleValues.deletedContract(current, cause));
            SmartContractPallet.remove(ctx, current);
            return;
        }
        ctx.state.contractLocks.put(current.id(), lock);
    }

    private static Map<String, Object> graceData(Contract contract, long startBlock) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("contract_id", contract.id());
        data.put("node_id", contract.type() == Contract.Type.NODE ? contract.nodeId() : 0);
        data.put("twin_id", contract.twinId());
        if (startBlock >= 0) {
            data.put("block_number", startBlock);
        }
        return data;
    }
}
