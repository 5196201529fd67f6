package io.threebot.deployer.tfgrid.deploy;

import io.threebot.deployer.grid.GridException;
import java.math.BigInteger;

/**
 * A transfer to a 3Bot's twin was handed to the chain and its fate could not be learned, nor could the twin's
 * balance show that it arrived. It may still go through, so it must not be made again: look at the balance later.
 * Reason {@link Reason#UNAVAILABLE}.
 */
public final class TransferOutcomeUnknownException extends GridException {
    private final String address;
    private final BigInteger amount;

    TransferOutcomeUnknownException(String address, BigInteger amount, Throwable cause) {
        super("a transfer of " + amount + " to " + address + " may or may not have gone through; it is not made "
                + "again: check the balance later", cause);
        this.address = address;
        this.amount = amount;
    }

    /** The address the transfer was for. */
    public String address() {
        return address;
    }

    /** The amount, 10^-7 TFT. */
    public BigInteger amount() {
        return amount;
    }
}
