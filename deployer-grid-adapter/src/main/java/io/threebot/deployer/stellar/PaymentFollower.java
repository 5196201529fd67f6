package io.threebot.deployer.stellar;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.stellar.sdk.Asset;
import org.stellar.sdk.AssetTypeCreditAlphaNum;
import org.stellar.sdk.Memo;
import org.stellar.sdk.MemoText;
import org.stellar.sdk.requests.EventListener;
import org.stellar.sdk.requests.SSEStream;
import org.stellar.sdk.responses.TransactionResponse;
import org.stellar.sdk.responses.operations.OperationResponse;
import org.stellar.sdk.responses.operations.PaymentOperationResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the TFT payments into the operator's account: from the saved {@link PaymentCursor}, page by page when
 * asked ({@link #catchUp()}), and as Horizon streams them once {@link #start()}ed. Each payment is recorded in
 * {@link ReceivedTransfers} before the cursor passes it, so none is missed across restarts (one recorded twice is
 * recorded once). Only successful payments of the network's TFT, to the operator, with a text memo count.
 */
final class PaymentFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentFollower.class);
    /** Pages read by one catch-up at most; the next call goes on from the cursor. */
    private static final int MAX_PAGES = 50;

    private final Horizon horizon;
    private final StellarSettings settings;
    private final String account;
    private final PaymentCursor cursor;
    private final ReceivedTransfers received;
    private final Clock clock;
    private final AtomicReference<CompletableFuture<Void>> running = new AtomicReference<>();
    private final AtomicReference<Instant> lastSync = new AtomicReference<>(Instant.MIN);
    private final AtomicReference<SSEStream<OperationResponse>> stream = new AtomicReference<>();
    /** Set when a streamed payment could not be recorded: later events wait for a catch-up from the cursor. */
    private final AtomicBoolean streamBehind = new AtomicBoolean();

    PaymentFollower(Horizon horizon, StellarSettings settings, PaymentCursor cursor, ReceivedTransfers received,
                    Clock clock) {
        this.horizon = horizon;
        this.settings = settings;
        this.account = settings.operator().accountId();
        this.cursor = cursor;
        this.received = received;
        this.clock = clock;
    }

    /** Reads what arrived since the cursor, unless that was done within {@link StellarSettings#freshness()}. */
    void catchUpIfStale() {
        if (lastSync.get().plus(settings.freshness()).isAfter(clock.instant())) {
            return;
        }
        catchUp();
    }

    /**
     * Reads every payment after the cursor and records it. Callers at the same time share one reading: they wait
     * for it (never longer than its deadlines) rather than each reading Horizon.
     *
     * @throws StellarPaymentException when Horizon cannot be read now
     */
    void catchUp() {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> other = running.compareAndExchange(null, mine);
        if (other != null) {
            await(other);
            return;
        }
        try {
            Instant started = clock.instant();
            readPages();
            lastSync.set(started);
            mine.complete(null);
            if (stream.get() != null && streamBehind.compareAndSet(true, false)) {
                start();
            }
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.set(null);
        }
    }

    private void await(CompletableFuture<Void> other) {
        long waitMs = settings.requestTimeout().multipliedBy(MAX_PAGES + 1L).toMillis();
        try {
            other.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StellarPaymentException p) {
                throw p;
            }
            throw new HorizonUnavailableException("reading the operator's payments failed", e.getCause());
        } catch (TimeoutException e) {
            throw new HorizonUnavailableException("reading the operator's payments takes too long", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HorizonUnavailableException("interrupted while the operator's payments were read", e);
        }
    }

    private void readPages() {
        Optional<String> from = cursor.read();
        for (int page = 0; page < MAX_PAGES; page++) {
            List<OperationResponse> records = horizon.payments(account, from, settings.pageLimit());
            for (OperationResponse op : records) {
                take(op);
                from = Optional.of(op.getPagingToken());
            }
            if (records.size() < settings.pageLimit()) {
                return;
            }
        }
        // what was read is recorded and the cursor saved; answering now could hide a payment not read yet
        throw new HorizonUnavailableException("The operator's payments are still being read from Horizon ("
                + MAX_PAGES + " pages so far); ask again shortly");
    }

    /** Records one payment when it counts, then moves the cursor past it. */
    void take(OperationResponse op) {
        String token = op.getPagingToken();
        PaymentCursor.parse(token);
        if (op instanceof PaymentOperationResponse payment) {
            Optional<Incoming> incoming;
            try {
                incoming = incoming(payment);
            } catch (StellarPaymentException e) {
                throw e;
            } catch (RuntimeException e) {
                // the SDK decodes some fields (the memo, the asset) only when asked, and fails unchecked
                throw new HorizonAnswerException("Horizon sent payment " + token + " that cannot be read: "
                        + e.getClass().getSimpleName(), e);
            }
            incoming.ifPresent(t -> received.record(t.memo, t.transfer));
        }
        cursor.advance(token);
    }

    private record Incoming(String memo, ReceivedTransfers.Transfer transfer) {
    }

    private Optional<Incoming> incoming(PaymentOperationResponse p) {
        if (!account.equals(p.getTo()) || account.equals(p.getFrom())
                || !Boolean.TRUE.equals(p.getTransactionSuccessful())) {
            return Optional.empty();
        }
        Asset asset = p.getAsset();
        if (!(asset instanceof AssetTypeCreditAlphaNum credit) || !StellarNetwork.TFT.equals(credit.getCode())
                || !settings.tftIssuer().equals(credit.getIssuer())) {
            return Optional.empty();
        }
        TransactionResponse tx = p.getTransaction().orElseThrow(() -> new HorizonAnswerException(
                "Horizon sent payment " + p.getPagingToken() + " without its transaction"));
        Memo memo = tx.getMemo();
        if (!(memo instanceof MemoText text)) {
            LOG.info("TFT payment {} to the operator carries no text memo; it matches no request",
                    p.getTransactionHash());
            return Optional.empty();
        }
        if (p.getFrom() == null || p.getTransactionHash() == null || p.getId() == null) {
            throw new HorizonAnswerException("Horizon sent payment " + p.getPagingToken() + " without its sender");
        }
        Instant at;
        try {
            at = Instant.parse(p.getCreatedAt());
        } catch (DateTimeParseException | NullPointerException e) {
            throw new HorizonAnswerException("Horizon sent payment " + p.getPagingToken() + " with no time", e);
        }
        long stroops = Stroops.parse(p.getAmount());
        return Optional.of(new Incoming(text.getText(), new ReceivedTransfers.Transfer(
                p.getTransactionHash() + ":" + p.getId(), p.getFrom(), stroops, at, p.getPagingToken())));
    }

    /** Follows Horizon's payment stream from the cursor until {@link #close()}; the SDK reconnects it. */
    void start() {
        SSEStream<OperationResponse> opened = horizon.stream(account, cursor.read(), new EventListener<>() {
            @Override
            public void onEvent(OperationResponse op) {
                if (streamBehind.get()) {
                    return; // the cursor must not pass the payment that could not be recorded
                }
                try {
                    take(op);
                } catch (RuntimeException e) {
                    // the next catch-up reads it again from the cursor, which did not pass it, and restarts the stream
                    streamBehind.set(true);
                    LOG.warn("A streamed payment could not be recorded: {}", e.getMessage());
                }
            }

            @Override
            public void onFailure(Optional<Throwable> error, Optional<Integer> status) {
                LOG.debug("Horizon's payment stream broke ({}); it reconnects",
                        status.map(String::valueOf).orElse(error.map(t -> t.getClass().getSimpleName())
                                .orElse("closed")));
            }
        });
        SSEStream<OperationResponse> previous = stream.getAndSet(opened);
        if (previous != null) {
            previous.close();
        }
    }

    @Override
    public void close() {
        SSEStream<OperationResponse> s = stream.getAndSet(null);
        if (s != null) {
            s.close();
        }
    }
}
