package io.threebot.deployer.internal.billing;

import io.threebot.deployer.billing.PaymentStatus;
import io.threebot.deployer.billing.ReceivedTransfer;
import io.threebot.deployer.billing.RefundEntry;
import io.threebot.deployer.billing.Tft;
import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.spi.IncomingTransfer;
import java.time.Instant;
import java.util.List;

/**
 * The matching rules, as a function of a payment request, the transfers its memo received and the time: which
 * transfers count, when the request is paid or expired, and which refunds that journals. Pure: the caller stores
 * the result and sends the refunds.
 *
 * <ul>
 *   <li>only a transfer with exactly the request's memo counts, and only when it arrived by the deadline;</li>
 *   <li>transfers smaller than the amount are kept with the request; it is paid once their sum reaches it;</li>
 *   <li>what is paid over the amount is refunded in full;</li>
 *   <li>a request still unpaid after its deadline expires: every counted transfer is refunded minus the fee;</li>
 *   <li>a transfer arriving when the request is no longer waiting (late, paid twice, cancelled) is refunded minus
 *       the fee.</li>
 * </ul>
 */
final class PaymentMatcher {
    private PaymentMatcher() {
    }

    static UserPayment apply(UserPayment payment, List<IncomingTransfer> observed, Instant now) {
        UserPayment p = payment;
        for (IncomingTransfer t : observed) {
            if (!t.memo().equals(p.memo()) || p.seen(t.transferId())) {
                continue;
            }
            if (p.status() == PaymentStatus.AWAITING && !t.receivedAt().isAfter(p.deadline())) {
                p = p.withTransfer(new ReceivedTransfer(t, true));
                long over = p.receivedStroops() - p.amountStroops();
                if (over >= 0) {
                    p = p.paid(now);
                    if (over > 0) {
                        p = p.withRefund(entry(p, "over-" + t.transferId(), t.sender(), over,
                                "paid " + Tft.format(over) + " " + p.currency() + " more than asked"));
                    }
                }
            } else {
                p = p.withTransfer(new ReceivedTransfer(t, false));
                p = refundMinusFee(p, "late-" + t.transferId(), t, "arrived when the request was "
                        + p.status().name().toLowerCase(java.util.Locale.ROOT) + "");
            }
        }
        if (p.status() == PaymentStatus.AWAITING && now.isAfter(p.deadline())) {
            p = closeUnpaid(p, PaymentStatus.EXPIRED, "not paid in full before the deadline");
        }
        return p;
    }

    /** Closes a request that was not paid: what counted goes back minus the fee. */
    static UserPayment closeUnpaid(UserPayment payment, PaymentStatus status, String reason) {
        UserPayment p = payment.withStatus(status);
        for (ReceivedTransfer r : payment.transfers()) {
            if (r.counted()) {
                p = refundMinusFee(p, status.name().toLowerCase(java.util.Locale.ROOT) + "-"
                        + r.transfer().transferId(), r.transfer(), reason);
            }
        }
        return p;
    }

    /**
     * Refunds everything the user paid for the request (over-payments already refunded are not sent twice) and
     * marks it refunded.
     */
    static UserPayment refundInFull(UserPayment payment, String reason) {
        UserPayment p = payment.withStatus(PaymentStatus.REFUNDED);
        long alreadyBack = payment.refunds().stream().filter(r -> r.key().startsWith(payment.id() + ":over-"))
                .mapToLong(RefundEntry::amountStroops).sum();
        List<ReceivedTransfer> counted = payment.transfers().stream().filter(ReceivedTransfer::counted).toList();
        for (int i = counted.size() - 1; i >= 0; i--) {
            IncomingTransfer t = counted.get(i).transfer();
            long back = t.amountStroops() - Math.min(alreadyBack, t.amountStroops());
            alreadyBack -= t.amountStroops() - back;
            if (back > 0) {
                p = p.withRefund(entry(p, "full-" + t.transferId(), t.sender(), back, reason));
            }
        }
        return p;
    }

    private static UserPayment refundMinusFee(UserPayment p, String key, IncomingTransfer t, String reason) {
        long back = t.amountStroops() - p.feeStroops();
        return back <= 0 ? p : p.withRefund(entry(p, key, t.sender(), back, reason + "; refunded minus the fee"));
    }

    private static RefundEntry entry(UserPayment p, String key, String destination, long amount, String reason) {
        return new RefundEntry(p.id() + ":" + key, destination, amount, reason, "");
    }
}
