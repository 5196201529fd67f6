package io.threebot.deployer.deploy;

import io.threebot.deployer.chat.Progress;
import io.threebot.deployer.chat.StopFlowException;
import io.threebot.deployer.model.PoolPayment;
import io.threebot.deployer.model.PoolRequest;
import io.threebot.deployer.model.PoolReservation;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.GridIdentity;
import io.threebot.deployer.spi.PaymentReceipt;
import io.threebot.deployer.spi.PaymentRequest;
import io.threebot.deployer.spi.Payments;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Creates a capacity pool, pays it from the operator's wallet once (the payment memo is its idempotency key) and
 * waits until the grid released it.
 */
public final class PoolProvisioner {
    /** Journal keys of pool payments start with this. */
    private static final String PAYMENT_PREFIX = "pay:";

    private final GridClient grid;
    private final Payments payments;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration timeout;

    public PoolProvisioner(GridClient grid, Payments payments, Clock clock, Duration pollInterval, Duration timeout) {
        this.grid = grid;
        this.payments = payments;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
    }

    /**
     * Runs the pool's steps under {@code key} in the saga and returns the pool id.
     *
     * @param cus compute-unit-seconds to buy (0 for a free gateway pool)
     */
    public long provision(Saga saga, String key, GridIdentity owner, List<String> nodeIds, long cus, long sus,
                          Progress progress) throws InterruptedException {
        return provision(saga, key, owner, 0, nodeIds, cus, sus, progress);
    }

    /**
     * Extends pool {@code poolId} (or creates one when it is 0) and returns the pool id. An extension buying
     * nothing asks the grid for nothing.
     */
    public long provision(Saga saga, String key, GridIdentity owner, long poolId, List<String> nodeIds, long cus,
                          long sus, Progress progress) throws InterruptedException {
        if (poolId != 0 && cus == 0 && sus == 0) {
            return poolId;
        }
        PoolReservation reservation = saga.step(key, PoolReservation.class, () -> grid.reservePool(
                new PoolRequest(poolId, cus, sus, 0, nodeIds, List.of("TFT")), owner));
        if (reservation.amountStroops() > 0) {
            if (reservation.escrowAddress().isBlank()) {
                throw new StopFlowException("The grid answered the pool request " + reservation.reservationId()
                        + " without escrow information; please try again later.");
            }
            PaymentRequest request = new PaymentRequest(reservation.escrowAddress(), reservation.asset(),
                    reservation.amountStroops(), reservation.memo());
            saga.step(PAYMENT_PREFIX + key, PaymentReceipt.class, () -> payments.findByMemo(reservation.memo()),
                    () -> payments.pay(request));
        }
        awaitReleased(reservation.reservationId());
        long pool = poolId == 0 ? reservation.reservationId() : poolId;
        progress.update(reservation.amountStroops() == 0
                ? "Capacity pool " + pool + " is ready; it costs nothing."
                : "Capacity pool " + pool + (poolId == 0 ? " created" : " extended") + " and funded with "
                + tft(reservation.amountStroops()) + " TFT.");
        return pool;
    }

    /**
     * Refunds every payment the saga's pools made and marks them compensated; true when anything was refunded.
     *
     * @param reason the memo of the refunds
     */
    public boolean refundAll(Saga saga, String reason) {
        boolean refunded = false;
        for (String key : saga.keysNewestFirst(PAYMENT_PREFIX)) {
            Optional<PaymentReceipt> receipt = saga.done(key, PaymentReceipt.class);
            if (receipt.isPresent()) {
                payments.refund(receipt.get().paymentId(), reason);
                refunded = true;
            }
            saga.markCompensated(key);
        }
        return refunded;
    }

    private void awaitReleased(long reservationId) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            Optional<PoolPayment> payment = grid.getPoolPayment(reservationId);
            if (payment.map(PoolPayment::usable).orElse(false)) {
                return;
            }
            if (payment.map(PoolPayment::canceled).orElse(false)) {
                throw new StopFlowException("The grid cancelled pool reservation " + reservationId + ": "
                        + payment.get().cause());
            }
            if (clock.instant().isAfter(deadline)) {
                throw new StopFlowException("Provisioning capacity pool " + reservationId + " timed out after "
                        + timeout.toMinutes() + " minutes; the payment will be refunded.");
            }
            Thread.sleep(pollInterval.toMillis());
        }
    }

    static String tft(long stroops) {
        return java.math.BigDecimal.valueOf(stroops, 7).stripTrailingZeros().toPlainString();
    }
}
