package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/** Balances: transfers, fees, deposits and the locks billing puts on a twin's balance. */
final class BalancesPallet {
    static final String NAME = "Balances";

    private BalancesPallet() {
    }

    /** Moves {@code amount} from one account to another; the sender keeps the existential deposit if asked. */
    static void transfer(BlockContext ctx, String from, String to, BigInteger amount, boolean keepAlive) {
        Account source = ctx.state.account(from);
        if (source.usable().compareTo(amount) < 0) {
            throw new ModuleError(NAME, "InsufficientBalance");
        }
        BigInteger left = source.free().subtract(amount);
        if (keepAlive && left.compareTo(TfchainRuntime.EXISTENTIAL_DEPOSIT) < 0) {
            throw new ModuleError(NAME, "Expendability");
        }
        Account target = ctx.state.account(to);
        if (target.free().add(amount).compareTo(TfchainRuntime.EXISTENTIAL_DEPOSIT) < 0) {
            throw new ModuleError(NAME, "ExistentialDeposit");
        }
        ctx.state.accounts.put(from, source.withFree(left));
        credit(ctx, to, amount);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", ScaleValues.hex(from));
        data.put("to", ScaleValues.hex(to));
        data.put("amount", amount);
        ctx.deposit(NAME, "Transfer", data);
    }

    /** Mints {@code amount} into an account (the activation service's deposit, genesis endowments). */
    static void mint(BlockContext ctx, String to, BigInteger amount) {
        credit(ctx, to, amount);
        ctx.state.totalIssuance = ctx.state.totalIssuance.add(amount);
        ctx.deposit(NAME, "Deposit", whoAmount(to, amount));
    }

    private static void credit(BlockContext ctx, String to, BigInteger amount) {
        Account target = ctx.state.account(to);
        boolean isNew = target.free().signum() == 0;
        ctx.state.accounts.put(to, target.withFree(target.free().add(amount)));
        if (isNew) {
            ctx.deposit("System", "NewAccount", ScaleValues.hex(to));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("account", ScaleValues.hex(to));
            data.put("free_balance", amount);
            ctx.deposit(NAME, "Endowed", data);
        }
    }

    /** Takes a fee from what the account may spend; false when it cannot pay. */
    static boolean withdrawFee(BlockContext ctx, String who, BigInteger fee) {
        Account account = ctx.state.account(who);
        if (account.usable().compareTo(fee) < 0) {
            return false;
        }
        ctx.state.accounts.put(who, account.withFree(account.free().subtract(fee)));
        ctx.state.totalIssuance = ctx.state.totalIssuance.subtract(fee);
        ctx.deposit(NAME, "Withdraw", whoAmount(who, fee));
        return true;
    }

    /** Locks {@code amount} more of an account's balance. */
    static void lock(BlockContext ctx, String who, BigInteger amount) {
        Account account = ctx.state.account(who);
        ctx.state.accounts.put(who, account.withFrozen(account.frozen().add(amount)));
        ctx.deposit(NAME, "Locked", whoAmount(who, amount));
    }

    /**
     * Releases {@code locked} from an account's lock and takes up to that much of its balance (a contract's
     * payout), burning it; returns what was taken.
     */
    static BigInteger unlockAndTake(BlockContext ctx, String who, BigInteger locked) {
        Account account = ctx.state.account(who);
        BigInteger frozen = account.frozen().subtract(locked).max(BigInteger.ZERO);
        account = account.withFrozen(frozen);
        ctx.deposit(NAME, "Unlocked", whoAmount(who, locked));
        BigInteger taken = account.usable().min(locked);
        ctx.state.accounts.put(who, account.withFree(account.free().subtract(taken)));
        ctx.state.totalIssuance = ctx.state.totalIssuance.subtract(taken);
        if (taken.signum() > 0) {
            ctx.deposit(NAME, "Burned", whoAmount(who, taken));
        }
        return taken;
    }

    private static Map<String, Object> whoAmount(String who, BigInteger amount) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("who", ScaleValues.hex(who));
        data.put("amount", amount);
        return data;
    }
}
