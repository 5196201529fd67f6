package io.threebot.deployer.examples.v3grid;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
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
 *
 * <p>Each bill gets the discount tfchain's {@code cost.rs} gives it by how many months of the contract's cost (its
 * amount due, made hourly, times 720) the twin's usable balance holds: 20% from 1.5 months ({@code Default}), 30%
 * from 3 ({@code Bronze}), 40% from 6 ({@code Silver}), 60% from 18 ({@code Gold}); the discounted amount is rounded
 * up (the chain's multipliers are the doubles 0.8 and so on: 1,000 at 20% off is billed 801).
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
        BigInteger fullPrice = PricingPolicy.cost(contract, used, elapsed, ctx.config.tftPriceMusd());
        String discount = discountLevel(fullPrice, elapsed, usable);
        BigInteger amountDue = discounted(fullPrice, discount);
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
        bill.put("discount_level", discount);
        bill.put("amount_billed", amountDue);
        ctx.deposit(NAME, "ContractBilled", bill);
        if (deleting) {
            ctx.deposit(NAME, "ContractUpdated", ScaleValues.deletedContract(current, cause));
            SmartContractPallet.remove(ctx, current);
            return;
        }
        ctx.state.contractLocks.put(current.id(), lock);
    }

    /** The level a bill of this amount over this time gets from the balance ({@code cost.rs}'s discount levels). */
    static String discountLevel(BigInteger amountDue, long seconds, BigInteger balance) {
        if (amountDue.signum() == 0 || seconds <= 0) {
            return "None";
        }
        BigDecimal monthly = new BigDecimal(amountDue).multiply(BigDecimal.valueOf(3600L * 24 * 30))
                .divide(BigDecimal.valueOf(seconds), MathContext.DECIMAL128).setScale(0, RoundingMode.HALF_UP);
        if (monthly.signum() == 0) {
            return "None";
        }
        double months = new BigDecimal(balance).divide(monthly, MathContext.DECIMAL128).doubleValue();
        if (months >= 18) {
            return "Gold";
        } else if (months >= 6) {
            return "Silver";
        } else if (months >= 3) {
            return "Bronze";
        } else if (months >= 1.5) {
            return "Default";
        }
        return "None";
    }

    /**
     * The amount billed at a level: multiplied by the double 0.8 (and so on), which the chain's fixed-point
     * multiplier holds exactly (a little over or under the decimal value), and rounded up.
     */
    static BigInteger discounted(BigInteger amountDue, String level) {
        double multiplier = switch (level) {
            case "Default" -> 0.8;
            case "Bronze" -> 0.7;
            case "Silver" -> 0.6;
            case "Gold" -> 0.4;
            default -> 1;
        };
        return new BigDecimal(amountDue).multiply(new BigDecimal(multiplier)).setScale(0, RoundingMode.CEILING)
                .toBigIntegerExact();
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
