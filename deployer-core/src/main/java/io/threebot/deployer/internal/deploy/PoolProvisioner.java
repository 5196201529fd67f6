package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.billing.PaymentStatus;
import io.threebot.deployer.billing.SpendingLimitException;
import io.threebot.deployer.billing.Tft;
import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.errors.StopFlowException;
import io.threebot.deployer.internal.billing.OperatorSpending;
import io.threebot.deployer.internal.billing.UserBilling;
import io.threebot.deployer.support.PollPacing;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.PoolPayment;
import io.threebot.deployer.model.PoolRequest;
import io.threebot.deployer.model.PoolReservation;
import io.threebot.deployer.spi.StoreException;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.GridIdentity;
import io.threebot.deployer.spi.PaymentReceipt;
import io.threebot.deployer.spi.PaymentRequest;
import io.threebot.deployer.spi.Payments;
import io.threebot.deployer.spi.Progress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Creates a capacity pool, pays it from the operator's wallet once (the payment memo is its idempotency key) and
 * waits until the grid released it. The operator pays only from what the user paid for the same operation (the
 * saga's credit, see {@link #fund}) and within its daily cap; a failed operation refunds both the pool payments and
 * the user's payment.
 */
public final class PoolProvisioner {
    /** Journal keys of pool payments start with this. */
    private static final String PAYMENT_PREFIX = "pay:";
    /** Journal key of the user's payment an operation uses. */
    private static final String USER_PAYMENT = "user-payment";

    private final GridClient grid;
    private final Payments payments;
    private final UserBilling billing;
    private final OperatorSpending spending;
    private final Clock clock;
    private final PollPacing pacing;
    private final Duration timeout;

    public PoolProvisioner(GridClient grid, Payments payments, UserBilling billing, OperatorSpending spending,
                           Clock clock, Duration pollInterval, Duration timeout) {
        this.grid = grid;
        this.payments = payments;
        this.billing = billing;
        this.spending = spending;
        this.clock = clock;
        this.pacing = PollPacing.upTo(pollInterval);
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
        // the reservation is journaled with the payment's intent, or on its own before the wait when it is free
        PoolReservation reservation = saga.stepWithNext(key, PoolReservation.class, Optional::empty,
                () -> grid.reservePool(new PoolRequest(poolId, cus, sus, 0, nodeIds, List.of("TFT")), owner));
        if (reservation.amountStroops() <= 0) {
            saga.flush();
        } else {
            if (reservation.escrowAddress().isBlank()) {
                throw new StopFlowException("The grid answered the pool request " + reservation.reservationId()
                        + " without escrow information; please try again later.");
            }
            PaymentRequest request = new PaymentRequest(reservation.escrowAddress(), reservation.asset(),
                    reservation.amountStroops(), reservation.memo());
            saga.step(PAYMENT_PREFIX + key, PaymentReceipt.class, () -> payments.findByMemo(reservation.memo()),
                    () -> {
                        authorize(saga, reservation);
                        return payments.pay(request);
                    });
        }
        awaitReleased(reservation.reservationId());
        long pool = poolId == 0 ? reservation.reservationId() : poolId;
        progress.update(reservation.amountStroops() == 0
                ? "Capacity pool " + pool + " is ready; it costs nothing."
                : "Capacity pool " + pool + (poolId == 0 ? " created" : " extended") + " and funded with "
                + Tft.format(reservation.amountStroops()) + " TFT.");
        return pool;
    }

    /**
     * Takes the user's paid request for this saga's operation (once: a resumed step finds it taken) so that the
     * operator may pay up to what the user paid for the capacity.
     *
     * @throws io.threebot.deployer.billing.PaymentRequiredException when it is not paid, not the owner's, used, or
     *                                                                 made for another purchase
     */
    public UserPayment fund(Saga saga, String owner, PaidPurchase paid, String threebotUuid, String threebotName,
                            Flavor flavor, int days) {
        UserPayment payment = billing.use(owner, paid.paymentId(), new UserBilling.Target(paid.kind(), threebotUuid,
                threebotName, flavor, days), saga.id());
        if (saga.done(USER_PAYMENT, String.class).isEmpty()) {
            saga.record(USER_PAYMENT, payment.id());
        }
        return payment;
    }

    /** What the operator may spend on the saga's operation: what the user paid for its capacity, fee excluded. */
    public long credit(Saga saga) {
        return saga.done(USER_PAYMENT, String.class).map(id -> billing.creditOf(id, saga.id())).orElse(0L);
    }

    /**
     * Counts a payment of the operator's other than a pool's (a hosted 3Bot's top-up) against the daily cap.
     *
     * @throws io.threebot.deployer.billing.SpendingLimitException when the cap refuses it
     */
    public void authorizeSpending(String memo, long amountStroops) {
        spending.authorize(memo, amountStroops);
    }

    /** The purchase is delivered: the user's payment is final. */
    public void settle(Saga saga) {
        saga.done(USER_PAYMENT, String.class).ifPresent(id -> billing.settle(id, saga.id()));
    }

    /**
     * Refunds every payment the saga's pools made and the user's payment for the operation, and marks them
     * compensated. Returns what the user gets back, in stroops (0 when they had paid nothing). Refunds are sent
     * even when the store cannot record them (a full disk, a database down): both wallets refund once per payment
     * or key, so the records catch up later without moving money twice.
     *
     * @param reason the memo of the refunds
     * @throws StoreException after every refund was sent, when some could not be recorded
     */
    public long refundAll(Saga saga, String reason) {
        StoreException unrecorded = null;
        for (String key : saga.keysNewestFirst(PAYMENT_PREFIX)) {
            Optional<PaymentReceipt> receipt = saga.done(key, PaymentReceipt.class);
            if (receipt.isPresent()) {
                payments.refund(receipt.get().paymentId(), reason);
            }
            try {
                saga.markCompensated(key);
            } catch (StoreException e) {
                unrecorded = e;
            }
        }
        Optional<String> user = saga.done(USER_PAYMENT, String.class);
        long back = 0;
        if (user.isPresent()) {
            UserPayment refunded = billing.refundInFull(user.get(), saga.id(), reason);
            back = refunded.status() == PaymentStatus.REFUNDED ? refunded.receivedStroops() : 0;
        }
        if (unrecorded != null) {
            throw new StoreException("deployment " + saga.id() + " was refunded but the store could not record "
                    + "it", unrecorded);
        }
        return back;
    }

    /**
     * True when a pool payment of the saga was refunded, whether or not the journal marked it compensated: the
     * deployment was undone, even if the store could not record that then.
     */
    public boolean anyRefunded(Saga saga) {
        return saga.everRecorded(PAYMENT_PREFIX, PaymentReceipt.class).stream().anyMatch(receipt ->
                payments.findByMemo(receipt.memo()).map(PaymentReceipt::refunded).orElse(false));
    }

    /**
     * The operator pays a reservation only from what the user paid for this operation, less what the saga paid
     * already, and within the daily cap.
     */
    private void authorize(Saga saga, PoolReservation reservation) {
        long credit = credit(saga);
        long spent = 0;
        for (String key : saga.keysNewestFirst(PAYMENT_PREFIX)) {
            spent += saga.done(key, PaymentReceipt.class).map(PaymentReceipt::amountStroops).orElse(0L);
        }
        if (spent + reservation.amountStroops() > credit) {
            throw new SpendingLimitException("The grid asks " + Tft.format(reservation.amountStroops())
                    + " TFT for this capacity, more than the " + Tft.format(Math.max(0, credit - spent))
                    + " TFT paid for it; nothing was bought.");
        }
        spending.authorize(reservation.memo(), reservation.amountStroops());
    }

    /** Polls the reservation soon at first, then less often up to the poll interval ({@link PollPacing}). */
    private void awaitReleased(long reservationId) throws InterruptedException {
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        while (true) {
            Optional<PoolPayment> payment = grid.getPoolPayment(reservationId);
            if (payment.map(PoolPayment::usable).orElse(false)) {
                return;
            }
            if (payment.map(PoolPayment::canceled).orElse(false)) {
                throw new StopFlowException("The grid cancelled pool reservation " + reservationId + ": "
                        + payment.get().cause());
            }
            Instant now = clock.instant();
            if (now.isAfter(deadline)) {
                throw new StopFlowException("Provisioning capacity pool " + reservationId + " timed out after "
                        + timeout.toMinutes() + " minutes; the payment will be refunded.");
            }
            Sleeper.THREAD.sleep(pacing.next(Duration.between(start, now), Duration.between(now, deadline)));
        }
    }
}
