package io.threebot.deployer.examples.v3grid;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What a contract has billed but not yet paid out ({@code pallet_smart_contract::types::ContractLock}): billing
 * locks the amount due on the twin's balance, and every {@code distributionFrequency} cycles the locked amount is
 * taken.
 *
 * @param amountLocked the amount locked and not yet taken
 * @param lockUpdated  the chain time of the last billing, seconds
 * @param cycles       billings since the last payout
 */
public record ContractLock(BigInteger amountLocked, long lockUpdated, int cycles) {
    /** @throws NullPointerException when the amount is null */
    public ContractLock {
        Objects.requireNonNull(amountLocked, "amountLocked");
    }
}
