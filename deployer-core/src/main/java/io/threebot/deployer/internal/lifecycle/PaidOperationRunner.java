package io.threebot.deployer.internal.lifecycle;

import io.threebot.deployer.billing.PaymentStatus;
import io.threebot.deployer.billing.PurchaseKind;
import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.internal.billing.Refunds;
import io.threebot.deployer.internal.billing.UserBilling;
import io.threebot.deployer.internal.deploy.CompensatedException;
import io.threebot.deployer.internal.store.FenceScope;
import io.threebot.deployer.lifecycle.PaidOperationFailedException;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.spi.StoreUnavailableException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an operation on a 3Bot with the user's payment for it: takes the payment, records the operation so that it
 * can be run again, and settles or refunds the payment as the operation ends. A payment is taken once; an operation
 * cut short keeps it and is resumed under the same id, so nothing is paid twice.
 */
final class PaidOperationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(PaidOperationRunner.class);

    private final UserBilling billing;
    private final PaidOperations operations;
    private final Clock clock;

    PaidOperationRunner(UserBilling billing, PaidOperations operations, Clock clock) {
        this.billing = billing;
        this.operations = operations;
        this.clock = clock;
    }

    /** What a paid operation does, given its id and the days its payment bought (0 without one). */
    @FunctionalInterface
    interface PaidWork {
        Threebot run(String operationId, int days);
    }

    /**
     * Runs an operation with the user's payment: the payment is taken for it first (nothing happens when it is not
     * paid, or was made for something else), made final when the operation succeeds, and refunded in full when it
     * fails, which the error then says. A store outage refunds nothing: the payment stays with the operation, and
     * the next call with it takes the operation up again under the same id, so its journal resumes it.
     */
    Threebot run(Threebot threebot, PurchaseKind kind, Flavor flavor, Optional<String> paymentId,
                 PaidOperations.Rerun rerun, PaidWork work) {
        if (paymentId.isEmpty()) {
            return work.run(UUID.randomUUID().toString(), 0);
        }
        UserPayment current = billing.get(threebot.owner(), paymentId.get());
        if (rerun != null && (current.status() == PaymentStatus.PAID || heldByUnfinishedOperation(current))) {
            // before the payment is taken, so that whoever finds it in use can run the operation again (auto-renew
            // runs again from its renewal, which keeps the identity's key)
            operations.begin(current.id(), threebot.owner(), threebot.uuid(), kind, flavor, rerun,
                    clock.instant());
        }
        String operation = heldByUnfinishedOperation(current) ? current.operationId() : UUID.randomUUID().toString();
        UserPayment payment = billing.use(threebot.owner(), paymentId.get(), new UserBilling.Target(kind,
                threebot.uuid(), threebot.name(), flavor, current.days()), operation);
        try {
            Threebot done = work.run(operation, payment.days());
            billing.settle(payment.id(), operation);
            operations.end(payment.id());
            return done;
        } catch (RuntimeException e) {
            if (FenceScope.leaseLost(e)) {
                throw e; // another instance took the operation over: it settles or refunds the payment
            }
            if (StoreUnavailableException.findIn(e).isPresent()) {
                LOG.warn("{} of 3Bot {} stopped at a store outage; payment {} stays with operation {} to resume it",
                        kind.description(), threebot.uuid(), payment.id(), operation);
                throw e;
            }
            UserPayment back = billing.refundInFull(payment.id(), operation, kind.description() + " failed");
            operations.end(payment.id());
            String message = e.getMessage() == null ? "The operation failed." : e.getMessage();
            throw new PaidOperationFailedException(saidRefunded(e) ? message : message + Refunds.note(back),
                    back.receivedStroops(), e);
        }
    }

    /**
     * Runs a change of a hosted 3Bot without a payment (a move its account pays for, a resize that buys no days)
     * under an operation id that stays: recorded before it runs ({@link PaidOperations#beginUnpaid}), so that a run
     * cut short (a crash, a take-over, a store outage) is resumed under the same id, from its journal, by whoever
     * calls for it next or by the stranded-operations sweep. The record ends with the operation; an outage, a lost
     * lease or a shutdown keeps it.
     *
     * @param rerun how to run it again (a pending one is resumed with its own)
     */
    Threebot runUnpaid(Threebot threebot, PurchaseKind kind, Flavor flavor, PaidOperations.Rerun rerun,
                       PaidWork work) {
        PaidOperations.Pending pending = operations.beginUnpaid(threebot.owner(), threebot.uuid(), kind, flavor, rerun,
                clock.instant());
        String operation = pending.operationId().orElseThrow();
        try {
            Threebot done = work.run(operation, 0);
            operations.end(pending.paymentId());
            return done;
        } catch (RuntimeException e) {
            if (FenceScope.leaseLost(e) || StoreUnavailableException.findIn(e).isPresent()
                    || Thread.currentThread().isInterrupted()) {
                LOG.warn("{} of 3Bot {} stopped ({}); operation {} stays recorded to resume it", kind.description(),
                        threebot.uuid(), e.getMessage(), operation);
                throw e;
            }
            operations.end(pending.paymentId()); // it failed and undid what it made
            throw e;
        }
    }

    /** The change without a payment on the 3Bot that began and did not end, if one did. */
    Optional<PaidOperations.Pending> unpaidChange(String threebotUuid) {
        return operations.unpaid(threebotUuid);
    }

    /**
     * True when an operation holds the payment and did not end (an operation ends by settling or refunding it): one
     * a store outage, a crash or a take-over cut short, which the same call takes up again under the same id, so its
     * journal resumes it (a journal being undone finishes its undoing). The 3Bot's lease, held by every operation,
     * keeps two from running it at once.
     */
    static boolean heldByUnfinishedOperation(UserPayment payment) {
        return payment.status() == PaymentStatus.IN_USE && !payment.operationId().isEmpty();
    }

    /** True when the failure already tells the user their payment was refunded (a compensated deployment). */
    private static boolean saidRefunded(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CompensatedException compensated && compensated.refundedStroops() > 0) {
                return true;
            }
        }
        return false;
    }
}
