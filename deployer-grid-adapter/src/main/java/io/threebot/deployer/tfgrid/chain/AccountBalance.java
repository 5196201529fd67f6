package io.threebot.deployer.tfgrid.chain;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An account as {@code System.Account} holds it: its nonce and balances in the chain's smallest unit (TFT has 7
 * decimals on tfchain). {@code frozen} is what the account may not spend below (the larger of {@code misc_frozen}
 * and {@code fee_frozen} on runtimes that still split it). An account the chain does not know reads as all zeros.
 */
public record AccountBalance(long nonce, BigInteger free, BigInteger reserved, BigInteger frozen) {
    /** @throws NullPointerException when an amount is null */
    public AccountBalance {
        Objects.requireNonNull(free, "free");
        Objects.requireNonNull(reserved, "reserved");
        Objects.requireNonNull(frozen, "frozen");
    }

    /** What the account can spend: free minus frozen, at least zero. */
    public BigInteger spendable() {
        return free.subtract(frozen).max(BigInteger.ZERO);
    }
}
