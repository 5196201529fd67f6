package io.threebot.deployer.internal.billing;

import io.threebot.deployer.billing.BillingSettings;
import io.threebot.deployer.billing.PaymentNotFoundException;
import io.threebot.deployer.billing.PaymentRequiredException;
import io.threebot.deployer.billing.PaymentStatus;
import io.threebot.deployer.billing.PurchaseKind;
import io.threebot.deployer.billing.RefundEntry;
import io.threebot.deployer.billing.SpendingLimitException;
import io.threebot.deployer.billing.TooManyPaymentRequestsException;
import io.threebot.deployer.billing.Tft;
import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.internal.store.OwnerSlots;
import io.threebot.deployer.internal.store.RecordKeys;
import io.threebot.deployer.internal.store.Records;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.spi.DeploymentEvents;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.IncomingTransfer;
import io.threebot.deployer.spi.PaymentDemand;
import io.threebot.deployer.spi.PaymentDestination;
import io.threebot.deployer.spi.PaymentException;
import io.threebot.deployer.spi.RefundOrder;
import io.threebot.deployer.spi.RefundReceipt;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreException;
import io.threebot.deployer.spi.UserPayments;
import io.threebot.deployer.spi.Versioned;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users' payment requests from opening to their end: quoted from the grid's prices, opened with a unique memo and a
 * deadline, matched against what the operator's wallet received ({@link PaymentMatcher}), used by exactly one
 * operation, settled, or refunded. Every refund is journaled in the request before it is sent, under an idempotency
 * key, so a crash never refunds twice; {@link #sweep()} finishes what a crash or a wallet failure left open.
 */
public final class UserBilling {
    /** The store kind payment requests are kept under. */
    public static final String KIND = "user-payments";
    /** The store kind of the owners' open-request slots. */
    static final String REQUEST_SLOTS = "payment-request-slots";
    /** Requests still watched (open, refunds pending, or recently closed), so a sweep reads only those. */
    static final String WATCH = "user-payments-watch";
    private static final Logger LOG = LoggerFactory.getLogger(UserBilling.class);
    private static final char[] MEMO_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int MEMO_LENGTH = 20;

    /**
     * What an operation buys, to check a payment against: it must have been made for exactly this.
     *
     * @param threebotUuid the 3Bot, empty for a new one
     */
    public record Target(PurchaseKind kind, String threebotUuid, String threebotName, Flavor flavor, int days) {
    }

    /** A watched request, and until when it stays watched once closed. */
    record Watch(String paymentId, Optional<Instant> until) {
    }

    private final StateStore store;
    private final UserPayments wallet;
    private final PriceList prices;
    private final BillingSettings settings;
    private final OperatorSpending spending;
    private final Clock clock;
    private final SecureRandom memos = new SecureRandom();
    private final DeploymentEvents events;
    /** The owners' open-request slots: a request opens only when it takes one. */
    private final OwnerSlots requestSlots;

    /** What a 3Bot of a size costs on the grid for a number of days, in stroops, fee excluded. */
    @FunctionalInterface
    public interface PriceList {
        long quote(Flavor flavor, int days);

        /** The explorer grid's prices: its unit prices for the size's compute and storage units. */
        static PriceList of(GridClient grid) {
            return (flavor, days) -> {
                Duration period = Duration.ofDays(days);
                return grid.unitPrices().cost(flavor.capacity().computeUnitSeconds(period),
                        flavor.capacity().storageUnitSeconds(period));
            };
        }
    }

    public UserBilling(StateStore store, UserPayments wallet, GridClient grid, BillingSettings settings,
                       OperatorSpending spending, Clock clock, DeploymentEvents events) {
        this(store, wallet, PriceList.of(grid), settings, spending, clock, events);
    }

    public UserBilling(StateStore store, UserPayments wallet, PriceList prices, BillingSettings settings,
                       OperatorSpending spending, Clock clock, DeploymentEvents events) {
        this.events = events;
        this.store = store;
        this.wallet = wallet;
        this.prices = prices;
        this.settings = settings;
        this.spending = spending;
        this.clock = clock;
        this.requestSlots = new OwnerSlots(store, REQUEST_SLOTS, settings.maxOpenRequestsPerOwner());
    }

    public BillingSettings settings() {
        return settings;
    }

    /** What the grid charges for running a 3Bot of this size for {@code days}, in stroops, fee excluded. */
    public long quote(Flavor flavor, int days) {
        return prices.quote(flavor, days);
    }

    /**
     * Opens a payment request for a purchase, after checking the limits: the days, and room under the operator's
     * daily cap. A refused purchase opens nothing.
     *
     * @param threebotUuid the 3Bot it buys for, or empty for a new one
     * @throws SpendingLimitException when a limit refuses it
     */
    public UserPayment open(String owner, PurchaseKind kind, String threebotUuid, String threebotName, Flavor flavor,
                            int days) {
        return open(owner, kind, threebotUuid, threebotName, flavor, days, settings.paymentTimeout());
    }

    /**
     * Like {@link #open(String, PurchaseKind, String, String, Flavor, int)} with its own time to pay, for a request
     * the user pays later (an auto-renewal, payable until the pool runs dry); never shorter than
     * {@code paymentTimeout}.
     */
    public UserPayment open(String owner, PurchaseKind kind, String threebotUuid, String threebotName, Flavor flavor,
                            int days, Duration timeToPay) {
        settings.daysProblem(days).ifPresent(problem -> {
            throw new SpendingLimitException(problem);
        });
        long cost = quote(flavor, days);
        spending.checkRoomFor(cost);
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        // the limit holds across instances and concurrent requests: each open request holds one of the owner's slots
        if (!requestSlots.take(owner, id, now, this::holdsSlot)) {
            throw new TooManyPaymentRequestsException("You have " + settings.maxOpenRequestsPerOwner()
                    + " payment requests waiting to be paid, the most one user may have; pay or cancel one, or wait "
                    + "until one runs out.", settings.paymentTimeout());
        }
        String memo = memo();
        long amount = cost + settings.feeStroops();
        Instant deadline = now.plus(timeToPay.compareTo(settings.paymentTimeout()) > 0 ? timeToPay
                : settings.paymentTimeout());
        PaymentDestination destination = wallet.request(new PaymentDemand(memo, amount, deadline,
                kind.description() + (threebotName.isEmpty() ? "" : " '" + threebotName + "'") + " for " + owner
                        + ", " + days + " days"));
        UserPayment payment = new UserPayment(id, owner, kind, threebotUuid, threebotName, flavor, days, cost,
                settings.feeStroops(), amount, destination.currency(), destination.address(), memo, now, deadline,
                PaymentStatus.AWAITING, List.of(), List.of(), "", Optional.empty(),
                destination.paymentUri().orElse(""));
        store.put(KIND, id, payment, StateStore.NEW);
        store.put(WATCH, id, new Watch(id, Optional.empty()), StateStore.NEW);
        LOG.info("Payment request {} of {}: {} {} for {} ({} days)", id, owner, payment.amountText(),
                payment.currency(), kind, days);
        event(payment, DeploymentEvent.Kind.PAYMENT_REQUESTED, payment.amountText() + " " + payment.currency());
        return payment;
    }

    /**
     * The owner's payment request as it stands, matched against the wallet first.
     *
     * @throws PaymentNotFoundException for an unknown id and for another owner's request alike
     */
    public UserPayment get(String owner, String paymentId) {
        UserPayment stored = find(paymentId).filter(p -> p.owner().equals(owner))
                .orElseThrow(() -> new PaymentNotFoundException("No payment request has the id '" + paymentId
                        + "'."));
        return observeQuietly(stored.id());
    }

    /** Matches the request against the wallet now, sends the refunds that journals, and returns it. */
    public UserPayment observe(String paymentId) {
        UserPayment current = require(paymentId);
        List<IncomingTransfer> received = current.status() == PaymentStatus.AWAITING || watched(paymentId)
                ? wallet.observe(current.memo()) : List.of();
        Instant now = clock.instant();
        UserPayment matched = update(paymentId, p -> {
            UserPayment next = PaymentMatcher.apply(p, received, now);
            if (next.status() == PaymentStatus.PAID && next.paidAt().orElse(now).plus(settings.unusedPaymentHold())
                    .isBefore(now)) {
                next = PaymentMatcher.refundInFull(next, "paid but never used; refunded in full");
            }
            return next;
        });
        if (matched.status() != current.status()) {
            LOG.info("Payment request {} is {} ({} of {} received)", paymentId, matched.status(),
                    matched.receivedStroops(), matched.amountStroops());
            if (matched.status() == PaymentStatus.PAID) {
                event(matched, DeploymentEvent.Kind.PAYMENT_RECEIVED, Tft.format(matched.receivedStroops()));
            }
        }
        return sendPendingRefunds(matched);
    }

    /**
     * The request as observed now, for a wait that looks once a run: what arrived is matched, and a request past its
     * deadline closed; a wallet that cannot be read leaves it as stored (logged), to be looked at again.
     */
    public UserPayment look(String paymentId) {
        return observeQuietly(paymentId);
    }

    /**
     * Withdraws a request no operation used, because the user changed what they buy: an unpaid one is cancelled
     * (what arrived is refunded minus the fee), a paid one refunded in full. A request in use or closed is left.
     */
    public UserPayment withdraw(String paymentId) {
        observeQuietly(paymentId);
        UserPayment withdrawn = update(paymentId, p -> switch (p.status()) {
            case AWAITING -> PaymentMatcher.closeUnpaid(p, PaymentStatus.CANCELLED, "the request was replaced");
            case PAID -> PaymentMatcher.refundInFull(p, "the purchase changed before it was used");
            default -> p;
        });
        return sendPendingRefunds(withdrawn);
    }

    /**
     * Takes a paid request for one operation. Taking it again for the same operation (a resumed step) returns it
     * unchanged.
     *
     * @throws PaymentNotFoundException when the request is unknown or another owner's
     * @throws PaymentRequiredException when it is not paid in full, was made for something else, or is used
     */
    public UserPayment use(String owner, String paymentId, Target target, String operationId) {
        UserPayment payment = get(owner, paymentId);
        if (!targetOf(payment).equals(target)) {
            throw new PaymentRequiredException("Payment " + paymentId + " was made for " + payment.kind()
                    .description() + " '" + payment.threebotName() + "' at size " + payment.flavor().displayName()
                    + " for " + payment.days() + " days, not for this operation.");
        }
        UserPayment taken = update(paymentId, p -> p.status() == PaymentStatus.PAID ? p.usedBy(operationId) : p);
        if (taken.status() == PaymentStatus.IN_USE && taken.operationId().equals(operationId)) {
            return taken;
        }
        throw new PaymentRequiredException(switch (taken.status()) {
            case AWAITING -> "Payment " + paymentId + " is not complete: " + Tft.format(taken.receivedStroops())
                    + " of " + taken.amountText() + " " + taken.currency() + " arrived with memo " + taken.memo()
                    + ".";
            case EXPIRED, CANCELLED -> "Payment request " + paymentId + " was not paid in time; request a new one.";
            default -> "Payment " + paymentId + " was used already; request a new one.";
        });
    }

    /**
     * True when a request can still serve this purchase: it was made for exactly it and is paid, or still open for
     * at least a minute.
     */
    public boolean reusableFor(UserPayment payment, Target wanted) {
        return targetOf(payment).equals(wanted) && (payment.status() == PaymentStatus.PAID
                || payment.status() == PaymentStatus.AWAITING
                && payment.deadline().isAfter(clock.instant().plus(Duration.ofMinutes(1))));
    }

    /** What the operation may spend on the grid from the request: its credit while it holds it, else nothing. */
    public long creditOf(String paymentId, String operationId) {
        UserPayment p = require(paymentId);
        return p.status() == PaymentStatus.IN_USE && p.operationId().equals(operationId) ? p.creditStroops() : 0;
    }

    /** Marks the request's operation as done: the purchase is final. */
    public void settle(String paymentId, String operationId) {
        update(paymentId, p -> p.status() == PaymentStatus.IN_USE && p.operationId().equals(operationId)
                ? p.withStatus(PaymentStatus.SETTLED) : p);
    }

    /**
     * Refunds everything the user paid because the operation using the request failed; only the first call moves
     * money. Returns the request; a refund the wallet refused now is sent by a later {@link #sweep()}.
     */
    public UserPayment refundInFull(String paymentId, String operationId, String reason) {
        UnaryOperator<UserPayment> refund = p -> (p.status() == PaymentStatus.IN_USE
                && p.operationId().equals(operationId)) ? PaymentMatcher.refundInFull(p, reason) : p;
        UserPayment refunded;
        try {
            refunded = update(paymentId, refund);
        } catch (StoreException e) {
            // the record cannot be written (a full disk, a database down) but can be read: the refund goes out
            // now under its journal key, and the sweep journals it (and moves nothing again) once the store works
            UserPayment unrecorded = refund.apply(require(paymentId));
            LOG.warn("Payment request {} could not record its refund; sending it anyway: {}", paymentId,
                    e.getMessage());
            sendUnrecorded(unrecorded);
            throw e;
        }
        return sendPendingRefunds(refunded);
    }

    /** Sends the refunds of a payment whose record could not be written; the wallet sends each key once. */
    private void sendUnrecorded(UserPayment payment) {
        for (RefundEntry entry : payment.refunds()) {
            if (!entry.sent()) {
                try {
                    wallet.refund(new RefundOrder(entry.key(), entry.destination(), entry.amountStroops(),
                            "r-" + payment.memo()));
                } catch (PaymentException e) {
                    LOG.warn("Refund {} could not be sent either; the sweep sends it: {}", entry.key(),
                            e.getMessage());
                }
            }
        }
    }

    /**
     * Matches every watched request and sends the refunds still pending: expiries, late transfers, unused
     * payments, and refunds a crash or a wallet failure left unsent. Returns how many requests it looked at.
     */
    public int sweep() {
        int looked = 0;
        for (Versioned<Watch> watch : store.list(WATCH, Watch.class)) {
            String id = watch.value().paymentId();
            looked++;
            try {
                UserPayment p = observe(id);
                if (p.status().closed() && !p.refundsPending()) {
                    Instant until = watch.value().until().orElse(clock.instant().plus(settings.lateTransferWatch()));
                    if (clock.instant().isAfter(until)) {
                        store.delete(WATCH, id, watch.version());
                    } else if (watch.value().until().isEmpty()) {
                        store.put(WATCH, id, new Watch(id, Optional.of(until)), watch.version());
                    }
                }
            } catch (PaymentException | StoreException e) {
                LOG.warn("Payment request {} could not be matched now: {}", id, e.getMessage());
            }
        }
        return looked;
    }

    // ---- internals ------------------------------------------------------------------------------------------

    private static Target targetOf(UserPayment p) {
        return new Target(p.kind(), p.threebotUuid(), p.threebotName(), p.flavor(), p.days());
    }

    private UserPayment observeQuietly(String paymentId) {
        try {
            return observe(paymentId);
        } catch (PaymentException e) {
            LOG.warn("The wallet could not be read for payment request {}: {}", paymentId, e.getMessage());
            return require(paymentId);
        }
    }

    private UserPayment sendPendingRefunds(UserPayment payment) {
        UserPayment current = payment;
        for (RefundEntry entry : payment.refunds()) {
            if (entry.sent()) {
                continue;
            }
            try {
                RefundReceipt receipt = wallet.refund(new RefundOrder(entry.key(), entry.destination(),
                        entry.amountStroops(), "r-" + payment.memo()));
                current = update(payment.id(), p -> p.withRefunds(p.refunds().stream()
                        .map(r -> r.key().equals(entry.key()) && !r.sent() ? r.sentAs(receipt.refundId()) : r)
                        .toList()));
                LOG.info("Refunded {} stroops of payment request {} ({})", entry.amountStroops(), payment.id(),
                        entry.reason());
                event(payment, DeploymentEvent.Kind.REFUNDED, Tft.format(entry.amountStroops()) + " "
                        + payment.currency() + ": " + entry.reason());
            } catch (PaymentException e) {
                LOG.warn("Refund {} is journaled and will be sent again: {}", entry.key(), e.getMessage());
            }
        }
        return current;
    }

    /** Tells the deployment observers; the payment request's id stands for the deployment's. */
    private void event(UserPayment payment, DeploymentEvent.Kind kind, String message) {
        try {
            events.publish(new DeploymentEvent(payment.id(), payment.owner(), payment.threebotName(), kind,
                    "payment", message, clock.instant()));
        } catch (RuntimeException e) {
            LOG.debug("A deployment event observer failed", e);
        }
    }

    private boolean watched(String paymentId) {
        return store.get(WATCH, paymentId, Watch.class).isPresent();
    }

    /** True while a slot's request waits to be paid, or is not written yet by the request that took the slot. */
    private boolean holdsSlot(OwnerSlots.Slot slot) {
        Optional<UserPayment> request = find(slot.holder());
        return request.isEmpty() ? slot.takenAt().isAfter(clock.instant().minus(Duration.ofMinutes(1)))
                : request.get().status() == PaymentStatus.AWAITING && request.get().deadline().isAfter(clock.instant());
    }

    private Optional<UserPayment> find(String paymentId) {
        if (!RecordKeys.isRecordId(paymentId)) {
            return Optional.empty(); // what cannot be an id is unknown, as an unknown id is
        }
        return store.get(KIND, paymentId, UserPayment.class).map(Versioned::value);
    }

    private UserPayment require(String paymentId) {
        return find(paymentId).orElseThrow(() -> new PaymentNotFoundException("No payment request has the id '"
                + paymentId + "'."));
    }

    /** Applies a change under compare-and-set; writes nothing when it changes nothing. */
    private UserPayment update(String paymentId, UnaryOperator<UserPayment> change) {
        return Records.updateExisting(store, KIND, paymentId, UserPayment.class,
                () -> new PaymentNotFoundException("No payment request has the id '" + paymentId + "'."), change)
                .value();
    }

    private String memo() {
        char[] memo = new char[MEMO_LENGTH];
        for (int i = 0; i < memo.length; i++) {
            memo[i] = MEMO_ALPHABET[memos.nextInt(MEMO_ALPHABET.length)];
        }
        return new String(memo);
    }
}
