package io.threebot.deployer.stellar;

import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.spi.PaymentReceipt;
import io.threebot.deployer.spi.PaymentRequest;
import io.threebot.deployer.spi.Payments;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.stellar.SendJournal.Sending;
import io.threebot.deployer.stellar.SendJournal.State;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Pays pool reservations (the explorer v2 path) from the operator's Stellar account: TFT to the reservation's escrow
 * account with the explorer's memo, once per memo, journaled before it is submitted and found again on Horizon
 * after a crash (the same machinery as {@link StellarUserPayments#refund}).
 *
 * <p>A refund of a pool payment moves nothing from here: the escrow is the explorer's, which gives the TFT of a
 * reservation that is never deployed back to the account that paid it. {@link #refund} records that the payment
 * is to come back and answers with it marked refunded.
 */
public final class StellarPayments implements Payments, AutoCloseable {
    /** The state-store kind of the pool-payment journal. */
    public static final String PAYMENT_KIND = "stellar-pool-payment";
    private static final int ATTEMPTS = 20;

    private final StellarSettings settings;
    private final Horizon horizon;
    private final OnceSender sender;

    StellarPayments(StellarSettings settings, StateStore store, Clock clock, OnceSender.Steps steps) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.horizon = new Horizon(settings);
        this.sender = new OnceSender(horizon, settings, store, PAYMENT_KIND, clock, steps);
    }

    /** The operator's paying wallet, journaling in {@code store}. */
    public static StellarPayments create(StellarSettings settings, StateStore store) {
        return new StellarPayments(settings, store, Clock.systemUTC(), OnceSender.Steps.NONE);
    }

    /**
     * Pays once per memo; the receipt's payment id is the Stellar transaction hash.
     *
     * @throws InvalidInputException   when the asset is not TFT (or TFT of another issuer)
     * @throws StellarPaymentException when it did not go through now (paying the memo again later pays once)
     */
    @Override
    public PaymentReceipt pay(PaymentRequest request) {
        checkAsset(request.asset());
        if (request.amountStroops() == 0) {
            throw new InvalidInputException("amount", "A pool payment moves a positive amount.");
        }
        Sending sent = sender.send(request.memo(), request.destination(), request.amountStroops(), request.memo());
        return receipt(sent);
    }

    /** The payment made with {@code memo}, once it is sent. */
    @Override
    public Optional<PaymentReceipt> findByMemo(String memo) {
        return sender.journal().get(memo).map(v -> v.value()).filter(s -> s.state() == State.SENT)
                .map(StellarPayments::receipt);
    }

    /**
     * Records that the escrow's holder gives the payment back (see the class comment); refunding twice is refunding
     * once.
     *
     * @param paymentId the transaction hash of the payment
     * @throws InvalidInputException when no sent payment has that id
     */
    @Override
    public PaymentReceipt refund(String paymentId, String reason) {
        for (int i = 0; i < ATTEMPTS; i++) {
            var entry = sender.journal().findSentByHash(paymentId).orElseThrow(() -> new InvalidInputException(
                    "paymentId", "No pool payment " + paymentId + " was sent."));
            if (entry.value().refunded()) {
                return receipt(entry.value());
            }
            try {
                return receipt(sender.journal().put(entry.value().markedRefunded(), entry.version()).value());
            } catch (StaleVersionException e) {
                // another instance marked it first: read again
            }
        }
        throw new HorizonUnavailableException("The pool payment " + paymentId + " kept changing; try again");
    }

    private void checkAsset(String asset) {
        String tft = StellarNetwork.TFT;
        if (!asset.equals(tft) && !asset.equals(tft + ":" + settings.tftIssuer())) {
            throw new InvalidInputException("asset", "This wallet pays TFT of " + settings.tftIssuer()
                    + " only, not " + asset + ".");
        }
    }

    private static PaymentReceipt receipt(Sending s) {
        return new PaymentReceipt(s.hash(), s.memo(), s.amountStroops(), s.refunded());
    }

    @Override
    public void close() {
        horizon.close();
    }

    @Override
    public String toString() {
        return "StellarPayments[" + settings + "]";
    }
}
