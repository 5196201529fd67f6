package io.threebot.deployer.model;

import java.util.Objects;

/**
 * The grid's answer to a pool request: what to pay, and where.
 *
 * @param reservationId for a new pool also its pool id
 * @param amountStroops amount to pay, in stroops (10^7 per TFT)
 */
public record PoolReservation(long reservationId, String escrowAddress, String asset, long amountStroops) {
    public PoolReservation {
        Objects.requireNonNull(escrowAddress, "escrowAddress");
        Objects.requireNonNull(asset, "asset");
    }

    /** The memo that ties a payment to this reservation. */
    public String memo() {
        return "p-" + reservationId;
    }
}
