package io.threebot.deployer.stellar;

import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import io.threebot.deployer.stellar.SendJournal.Sending;
import io.threebot.deployer.stellar.SendJournal.State;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.stellar.sdk.Asset;
import org.stellar.sdk.KeyPair;
import org.stellar.sdk.Memo;
import org.stellar.sdk.MemoText;
import org.stellar.sdk.Network;
import org.stellar.sdk.PaymentOperation;
import org.stellar.sdk.Transaction;
import org.stellar.sdk.TransactionBuilder;
import org.stellar.sdk.responses.AccountResponse;
import org.stellar.sdk.responses.SubmitTransactionResponse;
import org.stellar.sdk.responses.TransactionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one TFT payment per idempotency key from the operator's account, journaled before it is submitted.
 *
 * <p>The steps: sign a payment with the key's memo and time bounds, journal it with its hash, submit it. A call that
 * finds the key journaled and pending (after a crash, a lost answer or on another instance) first looks the
 * transaction up on Horizon by its hash and checks its memo, destination and amount: applied means sent; a failed
 * or expired one, or one whose sequence number went to another transaction and that Horizon still does not show
 * after the confirmation margin, can never be applied, and only then is a new one signed. Otherwise the same
 * envelope is submitted again, which can apply once at most (one sequence number). No lock is held: instances
 * agree through the journal's compare-and-set writes.
 */
final class OnceSender {
    private static final Logger LOG = LoggerFactory.getLogger(OnceSender.class);
    private static final int MAX_MEMO_BYTES = 28;
    private static final int ATTEMPTS = 6;

    /** Points between the steps where a test stops the process, as a crash would. */
    interface Steps {
        Steps NONE = new Steps() {
        };

        /** The payment is journaled and not submitted yet. */
        default void journaled(String key) {
        }

        /** The payment was submitted and Horizon answered; the answer is not recorded yet. */
        default void submitted(String key) {
        }
    }

    private final Horizon horizon;
    private final StellarSettings settings;
    private final SendJournal journal;
    private final Clock clock;
    private final Steps steps;
    private final Network network;
    private final Asset tft;

    OnceSender(Horizon horizon, StellarSettings settings, StateStore store, String kind, Clock clock, Steps steps) {
        this.horizon = horizon;
        this.settings = settings;
        this.journal = new SendJournal(store, kind);
        this.clock = clock;
        this.steps = steps;
        this.network = new Network(settings.passphrase());
        this.tft = Asset.create(null, StellarNetwork.TFT, settings.tftIssuer());
    }

    SendJournal journal() {
        return journal;
    }

    /**
     * Pays {@code amountStroops} TFT to {@code destination} with {@code memo}, once per {@code key}: a key already
     * sent returns its journal entry and moves nothing.
     *
     * @throws StellarPaymentException when it did not go through now (the same key may be sent again later)
     */
    Sending send(String key, String destination, long amountStroops, String memo) {
        checkOrder(destination, amountStroops, memo);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                Optional<Sending> done = step(key, destination, amountStroops, memo);
                if (done.isPresent()) {
                    return done.get();
                }
            } catch (StaleVersionException e) {
                // another instance moved this key on: read where it stands now
            }
        }
        throw new HorizonUnavailableException("The payment " + key + " could not be settled now; it is journaled "
                + "and sent again later, once");
    }

    /** One step of the key's state machine; empty when it should be looked at again. */
    private Optional<Sending> step(String key, String destination, long amount, String memo) {
        Optional<Versioned<Sending>> current = journal.get(key);
        if (current.isPresent() && !current.get().value().sameOrder(destination, amount, memo)) {
            throw new InvalidInputException("idempotencyKey", "The payment key " + key
                    + " was journaled for another destination, amount or memo.");
        }
        if (current.isPresent() && current.get().value().state() == State.SENT) {
            return Optional.of(current.get().value());
        }
        Versioned<Sending> entry;
        if (current.isEmpty() || current.get().value().state() == State.REJECTED) {
            entry = signAndJournal(current, key, destination, amount, memo);
            steps.journaled(key);
        } else {
            Versioned<Sending> settled = settleFromHorizon(current.get());
            switch (settled.value().state()) {
                case SENT -> {
                    return Optional.of(settled.value());
                }
                case REJECTED -> {
                    return Optional.empty(); // can never be applied: sign a new one
                }
                default -> entry = settled;
            }
        }
        return submit(entry);
    }

    private Versioned<Sending> signAndJournal(Optional<Versioned<Sending>> current, String key, String destination,
                                              long amount, String memo) {
        String operator = settings.operator().accountId();
        AccountResponse account = horizon.account(operator).orElseThrow(() -> new StellarAccountMissingException(
                "The operator's Stellar account " + operator + " does not exist"));
        Transaction tx = new TransactionBuilder(account, network)
                .addOperation(new PaymentOperation.Builder(destination, tft, Stroops.format(amount)).build())
                .addMemo(Memo.text(memo))
                .setTimeout(settings.transactionLifetime().toSeconds())
                .setBaseFee(settings.baseFeeStroops())
                .build();
        tx.sign(settings.operator().keyPair());
        Sending base = current.map(Versioned::value).orElse(new Sending(key, destination, amount, memo,
                State.PENDING, "", "", 0, Optional.empty(), "", false));
        Sending signed = base.signed(tx.toEnvelopeXdrBase64(), tx.hashHex(),
                tx.getTimeBounds().getMaxTime().longValueExact());
        Versioned<Sending> written = journal.put(signed, current.map(Versioned::version).orElse(StateStore.NEW));
        LOG.info("Payment {} journaled as transaction {} ({} stroops to {})", key, signed.hash(), amount,
                destination);
        return written;
    }

    /**
     * What Horizon knows of a journaled pending transaction: SENT when it was applied, REJECTED when it never can be
     * (failed on the ledger, expired, or its sequence number went to another), else the entry as it was, whose
     * envelope is to be submitted again.
     */
    private Versioned<Sending> settleFromHorizon(Versioned<Sending> entry) {
        Sending s = entry.value();
        Optional<TransactionResponse> found = horizon.transaction(s.hash());
        if (found.isPresent()) {
            TransactionResponse tx = found.get();
            if (!s.hash().equalsIgnoreCase(tx.getHash()) || !s.memo().equals(memoOf(tx))) {
                throw new HorizonAnswerException("Horizon's transaction " + s.hash()
                        + " is not the journaled payment (hash or memo differ)");
            }
            if (Boolean.TRUE.equals(tx.getSuccessful())) {
                LOG.info("Payment {} found on Horizon by its hash and memo: sent as {}", s.key(), s.hash());
                return journal.put(s.with(State.SENT, ""), entry.version());
            }
            return journal.put(s.with(State.REJECTED, "failed on the ledger"), entry.version());
        }
        Instant now = clock.instant();
        if (now.isAfter(Instant.ofEpochSecond(s.maxTime()).plus(settings.confirmationMargin()))) {
            return journal.put(s.with(State.REJECTED, "expired unapplied"), entry.version());
        }
        if (s.checkAfter().isPresent()) {
            if (now.isBefore(s.checkAfter().get())) {
                throw new HorizonUnavailableException("The payment " + s.key() + " is not on Horizon yet and its "
                        + "sequence number is used; it is looked up again after " + s.checkAfter().get());
            }
            return journal.put(s.with(State.REJECTED, "its sequence number went to another transaction"),
                    entry.version());
        }
        return entry;
    }

    private Optional<Sending> submit(Versioned<Sending> entry) {
        Sending s = entry.value();
        SubmitTransactionResponse response = horizon.submit(s.envelopeXdr());
        steps.submitted(s.key());
        if (response.isSuccess()) {
            LOG.info("Payment {} sent as transaction {}", s.key(), s.hash());
            return Optional.of(journal.put(s.with(State.SENT, ""), entry.version()).value());
        }
        String txCode = "";
        List<String> opCodes = List.of();
        if (response.getExtras() != null && response.getExtras().getResultCodes() != null) {
            var codes = response.getExtras().getResultCodes();
            txCode = codes.getTransactionResultCode() == null ? "" : codes.getTransactionResultCode();
            opCodes = codes.getOperationsResultCodes() == null ? List.of() : List.copyOf(codes.getOperationsResultCodes());
        }
        String codes = txCode + (opCodes.isEmpty() ? "" : " " + opCodes);
        switch (txCode) {
            case "tx_bad_seq" -> {
                // its sequence number is used: by this very transaction (Horizon may not show it yet) or another
                journal.put(s.checkAfter(clock.instant().plus(settings.confirmationMargin())), entry.version());
                return Optional.empty();
            }
            case "tx_too_late" -> {
                journal.put(s.with(State.REJECTED, codes), entry.version());
                return Optional.empty();
            }
            default -> {
                journal.put(s.with(State.REJECTED, codes), entry.version());
                throw refusal(s, txCode, opCodes, codes);
            }
        }
    }

    /** The transaction's text memo, "" for another kind; the SDK decodes it only now, and fails unchecked. */
    private static String memoOf(TransactionResponse tx) {
        try {
            return tx.getMemo() instanceof MemoText text ? text.getText() : "";
        } catch (RuntimeException e) {
            throw new HorizonAnswerException("Horizon sent transaction " + tx.getHash() + " with a memo that "
                    + "cannot be read", e);
        }
    }

    private static StellarPaymentException refusal(Sending s, String txCode, List<String> opCodes, String codes) {
        String what = "The payment of " + s.amountStroops() + " stroops TFT to " + s.destination();
        if (opCodes.contains("op_no_destination")) {
            return new StellarAccountMissingException(what + " failed: that account does not exist (" + codes + ")");
        }
        if (opCodes.contains("op_no_trust") || opCodes.contains("op_not_authorized")) {
            return new StellarTrustlineMissingException(what + " failed: that account holds no TFT trustline ("
                    + codes + ")");
        }
        if (opCodes.contains("op_underfunded") || "tx_insufficient_balance".equals(txCode)) {
            return new StellarUnderfundedException(what + " failed: the operator's account holds too little ("
                    + codes + ")");
        }
        if ("tx_no_source_account".equals(txCode)) {
            return new StellarAccountMissingException(what + " failed: the operator's account does not exist ("
                    + codes + ")");
        }
        return new StellarTransactionFailedException(what + " was refused by Stellar (" + codes + ")");
    }

    private static void checkOrder(String destination, long amount, String memo) {
        try {
            KeyPair.fromAccountId(destination);
        } catch (RuntimeException e) {
            throw new InvalidInputException("destination", "Not a Stellar account: " + destination);
        }
        if (amount <= 0) {
            throw new InvalidInputException("amount", "A payment moves a positive amount.");
        }
        if (memo.getBytes(StandardCharsets.UTF_8).length > MAX_MEMO_BYTES) {
            throw new InvalidInputException("memo", "A Stellar text memo holds at most 28 bytes: " + memo);
        }
    }

    static boolean fitsMemo(String memo) {
        return memo.getBytes(StandardCharsets.UTF_8).length <= MAX_MEMO_BYTES;
    }
}
