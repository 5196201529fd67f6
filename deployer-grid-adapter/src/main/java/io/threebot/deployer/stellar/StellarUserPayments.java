package io.threebot.deployer.stellar;

import io.threebot.deployer.billing.Tft;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.spi.IncomingTransfer;
import io.threebot.deployer.spi.PaymentDemand;
import io.threebot.deployer.spi.PaymentDestination;
import io.threebot.deployer.spi.RefundOrder;
import io.threebot.deployer.spi.RefundReceipt;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.UserPayments;
import io.threebot.deployer.stellar.SendJournal.Sending;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Users pay the operator's Stellar account in TFT, each request with its own text memo; refunds go back as Stellar
 * payments. The deployer decides what counts (its matching rules), this wallet reports faithfully:
 * <ul>
 *   <li>{@link #request} gives the operator's account, TFT and a SEP-7 {@code web+stellar:pay} URI with the TFT
 *       issuer of the configured network, the amount (fee included) and the memo;</li>
 *   <li>{@link #observe} reads the operator's payments from Horizon after the cursor saved in the state store
 *       (and, once {@link #start()}ed, follows Horizon's payment stream), records each TFT payment under its memo,
 *       then answers from the records, so no payment is missed across restarts, and instances sharing the store
 *       see the same transfers;</li>
 *   <li>{@link #refund} sends a payment back with the order's memo, journaled under its idempotency key before it is
 *       submitted and found again on Horizon after a crash, so one key never pays twice.</li>
 * </ul>
 * Amounts are exact stroops (7 decimals). Thread-safe; no lock is held across a Horizon call.
 */
public final class StellarUserPayments implements UserPayments, AutoCloseable {
    /** The state-store kind of the refund journal. */
    public static final String REFUND_KIND = "stellar-refund";

    private final StellarSettings settings;
    private final Horizon horizon;
    private final PaymentFollower follower;
    private final ReceivedTransfers received;
    private final OnceSender refunds;

    StellarUserPayments(StellarSettings settings, StateStore store, Clock clock, OnceSender.Steps steps) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.horizon = new Horizon(settings);
        this.received = new ReceivedTransfers(store);
        this.follower = new PaymentFollower(horizon, settings,
                new PaymentCursor(store, settings.operator().accountId()), received, clock);
        this.refunds = new OnceSender(horizon, settings, store, REFUND_KIND, clock, steps);
    }

    /**
     * The operator's wallet on Stellar, keeping its cursor, received payments and refund journal in {@code store}
     * (share the store between instances that share the account).
     */
    public static StellarUserPayments create(StellarSettings settings, StateStore store) {
        return new StellarUserPayments(settings, store, Clock.systemUTC(), OnceSender.Steps.NONE);
    }

    /** Starts following Horizon's payment stream, so payments are recorded as they arrive; returns this. */
    public StellarUserPayments start() {
        follower.start();
        return this;
    }

    /** The account users pay. */
    public String operatorAccount() {
        return settings.operator().accountId();
    }

    /**
     * Where to pay: the operator's account, TFT, and the SEP-7 URI.
     *
     * @throws InvalidInputException when the memo does not fit a Stellar text memo (28 bytes)
     */
    @Override
    public PaymentDestination request(PaymentDemand demand) {
        if (!OnceSender.fitsMemo(demand.memo())) {
            throw new InvalidInputException("memo", "A Stellar text memo holds at most 28 bytes.");
        }
        return new PaymentDestination(operatorAccount(), StellarNetwork.TFT,
                Optional.of(payUri(demand.memo(), demand.amountStroops())));
    }

    /**
     * The SEP-7 URI that pays {@code amountStroops} TFT to the operator with {@code memo}:
     * {@code web+stellar:pay?destination=...&amount=...&asset_code=TFT&asset_issuer=...&memo=...&memo_type=MEMO_TEXT}.
     */
    public String payUri(String memo, long amountStroops) {
        return "web+stellar:pay?destination=" + operatorAccount()
                + "&amount=" + Tft.format(amountStroops)
                + "&asset_code=" + StellarNetwork.TFT
                + "&asset_issuer=" + settings.tftIssuer()
                + "&memo=" + URLEncoder.encode(memo, StandardCharsets.UTF_8).replace("+", "%20")
                + "&memo_type=MEMO_TEXT";
    }

    /**
     * Every TFT payment to the operator with exactly {@code memo}, oldest first, after reading Horizon from the
     * saved cursor (unless that was done within {@link StellarSettings#freshness()}).
     *
     * @throws StellarPaymentException when Horizon cannot be read now
     */
    @Override
    public List<IncomingTransfer> observe(String memo) {
        follower.catchUpIfStale();
        return received.withMemo(memo);
    }

    /**
     * Sends {@code order} back once per idempotency key; the receipt's refund id is the Stellar transaction hash.
     *
     * @throws StellarPaymentException typed: {@link StellarAccountMissingException},
     *                                 {@link StellarTrustlineMissingException}, {@link StellarUnderfundedException},
     *                                 {@link HorizonUnavailableException}, {@link HorizonRateLimitedException}
     */
    @Override
    public RefundReceipt refund(RefundOrder order) {
        Sending sent = refunds.send(order.idempotencyKey(), order.destination(), order.amountStroops(),
                order.memo());
        return new RefundReceipt(order.idempotencyKey(), sent.hash(), sent.amountStroops());
    }

    /** Stops following the stream and releases the HTTP clients. */
    @Override
    public void close() {
        follower.close();
        horizon.close();
    }

    @Override
    public String toString() {
        return "StellarUserPayments[" + settings + "]";
    }
}
