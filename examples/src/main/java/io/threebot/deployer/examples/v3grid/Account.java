package io.threebot.deployer.examples.v3grid;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An account's balance as {@code System.Account} holds it, in TFT's smallest unit (10^-7 TFT).
 *
 * @param free   the free balance
 * @param frozen the part of {@code free} locked by contracts until it is distributed
 * @param nonce  how many of its extrinsics were included
 */
public record Account(BigInteger free, BigInteger frozen, long nonce) {
    /** An account that never held anything. */
    public static final Account EMPTY = new Account(BigInteger.ZERO, BigInteger.ZERO, 0);

    /** @throws NullPointerException when an amount is null */
    public Account {
        Objects.requireNonNull(free, "free");
        Objects.requireNonNull(frozen, "frozen");
    }

    /** What may be spent: free minus frozen, never below zero. */
    public BigInteger usable() {
        return free.subtract(frozen).max(BigInteger.ZERO);
    }

    Account withFree(BigInteger newFree) {
        return new Account(newFree, frozen, nonce);
    }

    Account withFrozen(BigInteger newFrozen) {
        return new Account(free, newFrozen, nonce);
    }

    Account withNextNonce() {
        return new Account(free, frozen, nonce + 1);
    }
}
