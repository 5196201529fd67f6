package io.threebot.deployer.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A transfer the receiving wallet got.
 *
 * @param transferId the wallet's id of the transfer (a transaction hash), stable between observations
 * @param sender     the paying address; refunds go back to it
 * @param receivedAt when the wallet received it; a transfer received after a request's deadline does not count
 */
public record IncomingTransfer(String transferId, String sender, long amountStroops, String memo,
                               Instant receivedAt) {
    public IncomingTransfer {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(memo, "memo");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (amountStroops <= 0) {
            throw new IllegalArgumentException("a transfer moves a positive amount");
        }
    }
}
