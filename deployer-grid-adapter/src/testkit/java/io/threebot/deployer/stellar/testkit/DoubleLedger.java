package io.threebot.deployer.stellar.testkit;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.stellar.sdk.AbstractTransaction;
import org.stellar.sdk.Asset;
import org.stellar.sdk.AssetTypeCreditAlphaNum;
import org.stellar.sdk.AssetTypeNative;
import org.stellar.sdk.KeyPair;
import org.stellar.sdk.Memo;
import org.stellar.sdk.MemoText;
import org.stellar.sdk.Network;
import org.stellar.sdk.Operation;
import org.stellar.sdk.PaymentOperation;
import org.stellar.sdk.TimeBounds;
import org.stellar.sdk.Transaction;
import org.stellar.sdk.xdr.DecoratedSignature;

/**
 * The ledger behind {@link HorizonDouble}: accounts with XLM and TFT trustlines, sequence numbers, and the payments
 * and transactions applied, in order. Submissions are decoded with the SDK's own classes and checked as Stellar
 * core checks them (network, signature, time bounds, sequence number, fee, balances, trustlines), answering with
 * Horizon's result codes. Everything is in memory and synchronized; nothing here does I/O.
 */
final class DoubleLedger {
    /** XLM an account must keep: 2 base reserves, plus one per trustline (0.5 XLM each). */
    private static final long BASE_RESERVE = 5_000_000L;

    /** One account. */
    static final class Account {
        final String id;
        long sequence;
        long xlm;
        /** TFT held, when the account has a TFT trustline. */
        Long tft;

        Account(String id, long sequence, long xlm) {
            this.id = id;
            this.sequence = sequence;
            this.xlm = xlm;
        }
    }

    /** A payment operation applied on the ledger. */
    record Payment(long id, String txHash, String from, String to, boolean native_, long amountStroops,
                   Instant at) {
    }

    /** A transaction applied on the ledger (successful or failed). */
    record Applied(String hash, long ledger, String source, long sequence, long fee, String memoText,
                   String memoType, boolean successful, String envelopeXdr, Instant at, int operations,
                   List<String> signatures) {
    }

    /** The answer to a submission. */
    record Outcome(boolean applied, Optional<Applied> tx, String txCode, List<String> opCodes) {
        static Outcome refused(String txCode) {
            return new Outcome(false, Optional.empty(), txCode, List.of());
        }
    }

    private final Network network;
    private final String issuer;
    private final Clock clock;
    private final Map<String, Account> accounts = new HashMap<>();
    private final List<Payment> payments = new ArrayList<>();
    private final Map<String, Applied> transactions = new LinkedHashMap<>();
    private final List<Consumer<Payment>> listeners = new CopyOnWriteArrayList<>();
    private long ledger = 1;

    DoubleLedger(Network network, String issuer, Clock clock) {
        this.network = network;
        this.issuer = issuer;
        this.clock = clock;
    }

    String issuer() {
        return issuer;
    }

    synchronized void createAccount(String id, long xlmStroops) {
        KeyPair.fromAccountId(id);
        if (accounts.containsKey(id)) {
            throw new IllegalStateException("account exists: " + id);
        }
        // Stellar starts an account's sequence at its creating ledger << 32
        accounts.put(id, new Account(id, ledger++ << 32, xlmStroops));
    }

    synchronized void addTrustline(String id) {
        Account a = account(id);
        if (a.tft == null) {
            a.tft = 0L;
        }
    }

    synchronized void removeTrustline(String id) {
        account(id).tft = null;
    }

    /** The issuer sends TFT out of nothing (no transaction is recorded). */
    synchronized void issue(String id, long stroops) {
        Account a = account(id);
        if (a.tft == null) {
            throw new IllegalStateException(id + " holds no TFT trustline");
        }
        a.tft += stroops;
    }

    synchronized Optional<Account> find(String id) {
        return Optional.ofNullable(accounts.get(id)).map(a -> {
            Account copy = new Account(a.id, a.sequence, a.xlm);
            copy.tft = a.tft;
            return copy;
        });
    }

    synchronized List<Payment> paymentsOf(String account) {
        return payments.stream().filter(p -> p.from().equals(account) || p.to().equals(account)).toList();
    }

    synchronized Optional<Applied> transaction(String hash) {
        return Optional.ofNullable(transactions.get(hash.toLowerCase()));
    }

    synchronized List<Applied> transactions() {
        return List.copyOf(transactions.values());
    }

    void onPayment(Consumer<Payment> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<Payment> listener) {
        listeners.remove(listener);
    }

    /**
     * Decodes and applies a submitted envelope.
     *
     * @throws IOException when it is not a transaction envelope (Horizon's {@code transaction_malformed})
     */
    Outcome submit(String envelopeXdr) throws IOException {
        AbstractTransaction decoded;
        try {
            decoded = AbstractTransaction.fromEnvelopeXdr(envelopeXdr, network);
        } catch (RuntimeException e) {
            throw new IOException("not a transaction envelope", e);
        }
        if (!(decoded instanceof Transaction tx)) {
            return Outcome.refused("tx_not_supported");
        }
        List<Payment> made = new ArrayList<>();
        Outcome outcome;
        synchronized (this) {
            outcome = apply(tx, envelopeXdr, made);
        }
        for (Payment p : made) {
            listeners.forEach(l -> l.accept(p));
        }
        return outcome;
    }

    private Outcome apply(Transaction tx, String envelopeXdr, List<Payment> made) {
        String hash = tx.hashHex();
        Applied known = transactions.get(hash);
        if (known != null) {
            // Horizon answers a transaction it already has with its result
            return new Outcome(known.successful(), Optional.of(known), known.successful() ? "" : "tx_failed",
                    List.of());
        }
        Account source = accounts.get(tx.getSourceAccount());
        if (source == null) {
            return Outcome.refused("tx_no_source_account");
        }
        long now = clock.instant().getEpochSecond();
        TimeBounds bounds = tx.getTimeBounds();
        if (bounds != null) {
            long max = bounds.getMaxTime().longValue();
            if (max != 0 && now > max) {
                return Outcome.refused("tx_too_late");
            }
            if (now < bounds.getMinTime().longValue()) {
                return Outcome.refused("tx_too_early");
            }
        }
        if (!signedBy(tx, source.id)) {
            return Outcome.refused("tx_bad_auth");
        }
        if (tx.getSequenceNumber() != source.sequence + 1) {
            return Outcome.refused("tx_bad_seq");
        }
        Operation[] ops = tx.getOperations();
        if (ops.length == 0) {
            return Outcome.refused("tx_missing_operation");
        }
        if (tx.getFee() < 100L * ops.length) {
            return Outcome.refused("tx_insufficient_fee");
        }
        if (source.xlm - tx.getFee() < reserve(source)) {
            return Outcome.refused("tx_insufficient_balance");
        }
        // from here on the sequence number is used and the fee charged, whether the operations succeed or not
        source.sequence = tx.getSequenceNumber();
        source.xlm -= tx.getFee();
        long ledgerNo = ledger++;
        Instant at = clock.instant();
        List<String> opCodes = new ArrayList<>();
        Map<String, long[]> changes = new HashMap<>();
        boolean ok = true;
        for (Operation op : ops) {
            String code = check(op, source.id, changes);
            opCodes.add(code);
            ok &= "op_success".equals(code);
        }
        Memo memo = tx.getMemo();
        String memoText = memo instanceof MemoText text ? text.getText() : "";
        String memoType = memo instanceof MemoText ? "text" : memo == null || memo.equals(Memo.none()) ? "none"
                : "other";
        List<String> signatures = tx.getSignatures().stream()
                .map(s -> java.util.Base64.getEncoder().encodeToString(s.getSignature().getSignature())).toList();
        Applied applied = new Applied(hash, ledgerNo, source.id, tx.getSequenceNumber(), tx.getFee(), memoText,
                memoType, ok, envelopeXdr, at, ops.length, signatures);
        transactions.put(hash, applied);
        if (!ok) {
            return new Outcome(false, Optional.of(applied), "tx_failed", opCodes);
        }
        changes.forEach((id, delta) -> {
            Account a = accounts.get(id);
            a.xlm += delta[0];
            if (delta[1] != 0) {
                a.tft += delta[1];
            }
        });
        for (int i = 0; i < ops.length; i++) {
            PaymentOperation p = (PaymentOperation) ops[i];
            String from = p.getSourceAccount() != null ? p.getSourceAccount() : source.id;
            Payment payment = new Payment((ledgerNo << 32) | (1L << 12) | (i + 1), hash, from, p.getDestination(),
                    p.getAsset() instanceof AssetTypeNative, amountOf(p), at);
            payments.add(payment);
            made.add(payment);
        }
        return new Outcome(true, Optional.of(applied), "", List.of());
    }

    /** Checks one payment against the balances as the earlier operations of the transaction left them. */
    private String check(Operation op, String txSource, Map<String, long[]> changes) {
        if (!(op instanceof PaymentOperation p)) {
            return "op_not_supported";
        }
        String from = p.getSourceAccount() != null ? p.getSourceAccount() : txSource;
        if (!from.equals(txSource)) {
            return "op_bad_auth";
        }
        Account to = accounts.get(p.getDestination());
        if (to == null) {
            return "op_no_destination";
        }
        long amount = amountOf(p);
        if (amount <= 0) {
            return "op_malformed";
        }
        Account source = accounts.get(from);
        long[] src = changes.computeIfAbsent(from, k -> new long[2]);
        long[] dst = changes.computeIfAbsent(to.id, k -> new long[2]);
        Asset asset = p.getAsset();
        if (asset instanceof AssetTypeNative) {
            if (source.xlm + src[0] - amount < reserve(source)) {
                return "op_underfunded";
            }
            src[0] -= amount;
            dst[0] += amount;
            return "op_success";
        }
        if (!(asset instanceof AssetTypeCreditAlphaNum credit) || !"TFT".equals(credit.getCode())
                || !issuer.equals(credit.getIssuer())) {
            return "op_no_issuer";
        }
        if (!from.equals(issuer)) {
            if (source.tft == null) {
                return "op_src_no_trust";
            }
            if (source.tft + src[1] < amount) {
                return "op_underfunded";
            }
            src[1] -= amount;
        }
        if (!to.id.equals(issuer)) {
            if (to.tft == null) {
                return "op_no_trust";
            }
            dst[1] += amount;
        }
        return "op_success";
    }

    private static long amountOf(PaymentOperation p) {
        return new java.math.BigDecimal(p.getAmount()).movePointRight(7).longValueExact();
    }

    private static long reserve(Account a) {
        return 2 * BASE_RESERVE + (a.tft == null ? 0 : BASE_RESERVE);
    }

    private boolean signedBy(Transaction tx, String accountId) {
        KeyPair key = KeyPair.fromAccountId(accountId);
        byte[] hash = tx.hash(); // over this double's network passphrase: a transaction for another network fails
        for (DecoratedSignature s : tx.getSignatures()) {
            if (Arrays.equals(s.getHint().getSignatureHint(), key.getSignatureHint().getSignatureHint())
                    && key.verify(hash, s.getSignature().getSignature())) {
                return true;
            }
        }
        return false;
    }

    private Account account(String id) {
        Account a = accounts.get(id);
        if (a == null) {
            throw new IllegalStateException("no account " + id);
        }
        return a;
    }
}
