package io.threebot.deployer.spi;

import java.util.Objects;

/**
 * Money to send back to a user, once.
 *
 * @param idempotencyKey sending two orders with one key sends the first only
 * @param destination    the user's address
 * @param memo           the memo of the refund transfer, naming the payment it returns
 */
public record RefundOrder(String idempotencyKey, String destination, long amountStroops, String memo) {
    public RefundOrder {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(memo, "memo");
        if (amountStroops <= 0) {
            throw new IllegalArgumentException("a refund moves a positive amount");
        }
    }
}
