package io.threebot.deployer.billing;

import io.threebot.deployer.model.Flavor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A payment request of one user, with everything that happened to it: the transfers that arrived with its memo and
 * the refunds sent. Kept in the state store; hosts show it to its owner (amount, address, memo, deadline, QR code).
 *
 * @param threebotUuid  the 3Bot it buys for; empty for a new 3Bot
 * @param costStroops   what the grid charges for the capacity, as quoted
 * @param feeStroops    the transaction fee on top
 * @param amountStroops what the user pays: cost plus fee
 * @param operationId   the operation using it, once one does; empty before
 * @param paidAt        when it was paid in full
 * @param paymentUri    the wallet's own payment URI for this request (a Stellar SEP-7 {@code web+stellar:pay} URI,
 *                      say), or empty for the default {@code TFT:} URI
 */
public record UserPayment(String id, String owner, PurchaseKind kind, String threebotUuid, String threebotName,
                          Flavor flavor, int days, long costStroops, long feeStroops, long amountStroops,
                          String currency, String address, String memo, Instant createdAt, Instant deadline,
                          PaymentStatus status, List<ReceivedTransfer> transfers, List<RefundEntry> refunds,
                          String operationId, Optional<Instant> paidAt, String paymentUri) {
    public UserPayment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        transfers = List.copyOf(transfers);
        refunds = List.copyOf(refunds);
        operationId = operationId == null ? "" : operationId;
        paidAt = paidAt == null ? Optional.empty() : paidAt;
        paymentUri = paymentUri == null ? "" : paymentUri;
    }

    /** What arrived in time and counts, in stroops. */
    public long receivedStroops() {
        return transfers.stream().filter(ReceivedTransfer::counted).mapToLong(t -> t.transfer().amountStroops()).sum();
    }

    /** What was refunded or is being refunded, in stroops. */
    public long refundedStroops() {
        return refunds.stream().mapToLong(RefundEntry::amountStroops).sum();
    }

    /** True while some refund is journaled but not sent yet. */
    public boolean refundsPending() {
        return refunds.stream().anyMatch(r -> !r.sent());
    }

    /** What an operation may spend on the grid for the user: what the user paid for the capacity, fee excluded. */
    public long creditStroops() {
        return costStroops;
    }

    /** The amount in the currency, e.g. {@code 46.5797}. */
    public String amountText() {
        return Tft.format(amountStroops);
    }

    /**
     * The wallet URI a QR code carries: the wallet's own {@link #paymentUri()} when it gave one, else
     * {@code TFT:<address>?amount=<amount>&message=<memo>&sender=me}.
     */
    public String walletUri() {
        if (!paymentUri.isEmpty()) {
            return paymentUri;
        }
        return currency + ":" + address + "?amount=" + amountText() + "&message="
                + URLEncoder.encode(memo, StandardCharsets.UTF_8) + "&sender=me";
    }

    /** This payment with another status. */
    public UserPayment withStatus(PaymentStatus next) {
        return new UserPayment(id, owner, kind, threebotUuid, threebotName, flavor, days, costStroops, feeStroops,
                amountStroops, currency, address, memo, createdAt, deadline, next, transfers, refunds, operationId,
                paidAt, paymentUri);
    }

    /** This payment taken by one operation (IN_USE). */
    public UserPayment usedBy(String operation) {
        return new UserPayment(id, owner, kind, threebotUuid, threebotName, flavor, days, costStroops, feeStroops,
                amountStroops, currency, address, memo, createdAt, deadline, PaymentStatus.IN_USE, transfers,
                refunds, operation, paidAt, paymentUri);
    }

    /** This payment fully paid at the given instant. */
    public UserPayment paid(Instant at) {
        return new UserPayment(id, owner, kind, threebotUuid, threebotName, flavor, days, costStroops, feeStroops,
                amountStroops, currency, address, memo, createdAt, deadline, PaymentStatus.PAID, transfers, refunds,
                operationId, Optional.of(at), paymentUri);
    }

    /** This payment with one more received transfer. */
    public UserPayment withTransfer(ReceivedTransfer transfer) {
        List<ReceivedTransfer> more = new ArrayList<>(transfers);
        more.add(transfer);
        return new UserPayment(id, owner, kind, threebotUuid, threebotName, flavor, days, costStroops, feeStroops,
                amountStroops, currency, address, memo, createdAt, deadline, status, more, refunds, operationId,
                paidAt, paymentUri);
    }

    /** This payment with its refund journal replaced. */
    public UserPayment withRefunds(List<RefundEntry> entries) {
        return new UserPayment(id, owner, kind, threebotUuid, threebotName, flavor, days, costStroops, feeStroops,
                amountStroops, currency, address, memo, createdAt, deadline, status, transfers, entries, operationId,
                paidAt, paymentUri);
    }

    /** This payment with one more refund journaled; a key already journaled is not added again. */
    public UserPayment withRefund(RefundEntry entry) {
        if (refunds.stream().anyMatch(r -> r.key().equals(entry.key()))) {
            return this;
        }
        List<RefundEntry> more = new ArrayList<>(refunds);
        more.add(entry);
        return withRefunds(more);
    }

    /** Whether the transfer with this id was already counted. */
    public boolean seen(String transferId) {
        return transfers.stream().anyMatch(t -> t.transfer().transferId().equals(transferId));
    }
}
