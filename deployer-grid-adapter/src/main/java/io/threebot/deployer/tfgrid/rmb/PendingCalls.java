package io.threebot.deployer.tfgrid.rmb;

import io.threebot.deployer.errors.DeployerException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Requests sent and waiting for their replies, matched by uid: a reply completes its request's future only when it
 * comes from the request's destination twin, is a response or an error, and its signature verifies with that twin's
 * key; anything else is refused and the request goes on waiting, until its deadline. An error envelope without a
 * source is the relay's own (rmb-rs sends its routing errors so, unsigned) and fails the request it names with
 * {@link RmbRelayErrorException}. Thread-safe; a transport calls {@link #register} before sending and {@link #accept}
 * for each envelope it receives.
 */
public final class PendingCalls {
    /** What became of a received envelope. */
    public enum Outcome {
        /** It answered a waiting request with a response; the request's future has the body. */
        COMPLETED,
        /** It answered a waiting request with an error; the future failed with {@link RmbErrorReplyException}. */
        FAILED,
        /** It was the relay's error for a waiting request; the future failed with {@link RmbRelayErrorException}. */
        RELAY_ERROR,
        /** No request waits for that uid (answered already, timed out, or never sent). */
        UNKNOWN,
        /** Not an acceptable reply (wrong sender, not a reply, bad or missing signature); the request still waits. */
        REFUSED
    }

    private record Waiting(Envelope request, CompletableFuture<byte[]> reply) {
    }

    /** Opens the encrypted body of a verified reply from a twin. */
    @FunctionalInterface
    interface CipherOpener {
        /**
         * The plain body.
         *
         * @throws InvalidEnvelopeException when it cannot be opened
         */
        byte[] open(long sourceTwin, byte[] cipher);
    }

    private final LongFunction<byte[]> publicKeyOfTwin;
    private final CipherOpener opener;
    private final int maxPending;
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

    /**
     * @param publicKeyOfTwin a twin's 32-byte ed25519 key (its account id on chain), or null when unknown
     * @param maxPending      how many requests may wait at once
     */
    public PendingCalls(LongFunction<byte[]> publicKeyOfTwin, int maxPending) {
        this(publicKeyOfTwin, null, maxPending);
    }

    /** With an opener of encrypted replies (null: they fail the request with InvalidEnvelopeException). */
    PendingCalls(LongFunction<byte[]> publicKeyOfTwin, CipherOpener opener, int maxPending) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be at least 1");
        }
        this.publicKeyOfTwin = publicKeyOfTwin;
        this.opener = opener;
        this.maxPending = maxPending;
    }

    /**
     * Waits for the reply to a request about to be sent: the future completes with the response body (plain), or
     * fails with {@link RmbErrorReplyException}, {@link RmbRelayErrorException}, {@link RmbTimeoutException} after
     * the deadline, or {@link InvalidEnvelopeException} for a verified reply that cannot be read (an encrypted body
     * without an opener, or one that does not open).
     */
    public CompletableFuture<byte[]> register(Envelope request, Duration deadline) {
        if (!(request.message() instanceof Envelope.Request) || request.destination() == null) {
            throw new InvalidEnvelopeException("message", "only a request with a destination waits for a reply");
        }
        if (request.uid().isEmpty()) {
            throw new InvalidEnvelopeException("uid", "a request needs a uid to match its reply");
        }
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        synchronized (waiting) {
            if (waiting.size() >= maxPending) {
                throw new DeployerException("too many RMB requests are waiting (" + maxPending + ")");
            }
            if (waiting.putIfAbsent(request.uid(), new Waiting(request, reply)) != null) {
                throw new InvalidEnvelopeException("uid", "a request with that uid is waiting already");
            }
        }
        reply.whenComplete((body, failure) -> waiting.remove(request.uid()));
        CompletableFuture.delayedExecutor(Math.max(1, deadline.toMillis()), TimeUnit.MILLISECONDS)
                .execute(() -> reply.completeExceptionally(new RmbTimeoutException("no reply to "
                        + ((Envelope.Request) request.message()).command() + " from twin "
                        + request.destination().twin() + " within " + seconds(deadline))));
        return reply;
    }

    /** Matches a received envelope to its request. */
    public Outcome accept(Envelope incoming) {
        Waiting w = waiting.get(incoming.uid());
        if (w == null) {
            return Outcome.UNKNOWN;
        }
        if (incoming.source() == null && incoming.message() instanceof Envelope.ErrorReply relayError) {
            return w.reply().completeExceptionally(new RmbRelayErrorException(relayError.message()))
                    ? Outcome.RELAY_ERROR : Outcome.UNKNOWN;
        }
        if (incoming.source() == null || incoming.source().twin() != w.request().destination().twin()) {
            return Outcome.REFUSED;
        }
        if (!(incoming.message() instanceof Envelope.Response) && !(incoming.message() instanceof Envelope.ErrorReply)) {
            return Outcome.REFUSED;
        }
        byte[] key = publicKeyOfTwin.apply(incoming.source().twin());
        if (key == null || !incoming.verifies(key)) {
            return Outcome.REFUSED;
        }
        if (incoming.message() instanceof Envelope.ErrorReply err) {
            return w.reply().completeExceptionally(new RmbErrorReplyException(err.code(), err.message()))
                    ? Outcome.FAILED : Outcome.UNKNOWN;
        }
        byte[] body = incoming.payload() == null ? new byte[0] : incoming.payload().bytes();
        if (incoming.payload() instanceof Envelope.Cipher) {
            if (opener == null) {
                w.reply().completeExceptionally(new InvalidEnvelopeException("cipher",
                        "the reply is end-to-end encrypted and no key to open it is given"));
                return Outcome.FAILED;
            }
            try {
                body = opener.open(incoming.source().twin(), body);
            } catch (InvalidEnvelopeException e) {
                w.reply().completeExceptionally(e);
                return Outcome.FAILED;
            }
        }
        return w.reply().complete(body) ? Outcome.COMPLETED : Outcome.UNKNOWN;
    }

    /** Fails the request waiting under that uid, if one waits; whether it did. */
    boolean fail(String uid, DeployerException failure) {
        Waiting w = waiting.get(uid);
        return w != null && w.reply().completeExceptionally(failure);
    }

    /** How many requests wait. */
    public int pending() {
        return waiting.size();
    }

    /** A deadline as people read it: {@code 2 s}, {@code 1.5 s}. */
    private static String seconds(java.time.Duration deadline) {
        return java.math.BigDecimal.valueOf(deadline.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }
}
