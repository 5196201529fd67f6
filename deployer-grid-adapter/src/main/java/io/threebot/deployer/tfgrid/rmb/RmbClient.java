package io.threebot.deployer.tfgrid.rmb;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A twin's direct connection to the RMB relays, as {@code @threefold/rmb_direct_client} and rmb-sdk-go's peer make it:
 * a websocket to a relay, logged in with a {@link RelayToken} in the URL's query, carrying signed {@link Envelope}s.
 * {@link #call} sends a request to a twin and completes with the reply's body, matched by uid and verified with the
 * peer's key ({@link PendingCalls}); bodies are encrypted end to end ({@link E2eKey}) when the peer twin has an e2e key,
 * and encrypted replies are opened.
 *
 * <p>Built, it connects in the background and stays connected: a websocket ping every {@code pingInterval}, and a
 * relay silent for {@code silenceLimit} counts as gone. When the connection drops it reconnects, trying the relays in
 * turn with capped exponential backoff and jitter. What a drop does to calls:
 * <ul>
 * <li>a request that was sent fails with {@link RmbConnectionLostException}: its outcome is unknown and it is never
 * sent again;</li>
 * <li>a request not sent yet waits for the next connection, within its deadline, and fails with
 * {@link RmbNotSentException} if none comes in time.</li>
 * </ul>
 * Every call has a deadline: without a reply by then it fails with {@link RmbTimeoutException}. Failures are typed
 * ({@link DeployerException} subclasses); a malformed, oversized, unsigned or misdirected message from the relay is
 * dropped and logged, never thrown at a caller, which then sees its deadline pass. Thread-safe.
 */
public final class RmbClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RmbClient.class);
    private static final long TOKEN_TTL_SECONDS = 60;
    private static final Duration MAX_DEADLINE = Duration.ofHours(1);

    private final List<URI> relays;
    private final List<String> relayHosts;
    private final long twin;
    private final String session;
    private final Ed25519KeyPair key;
    private final E2eKey e2e;
    private final TwinKeys twinKeys;
    private final boolean encrypt;
    private final Duration connectTimeout;
    private final Duration pingInterval;
    private final Duration silenceLimit;
    private final Duration backoffMin;
    private final Duration backoffMax;
    private final int maxMessageBytes;
    private final Clock clock;
    private final SecureRandom random;
    private final ScheduledExecutorService timer;
    private final ExecutorService executor;
    /** Runs callbacks on {@link #executor}, or on the common pool once it is shut down, so no caller is left waiting. */
    private final java.util.concurrent.Executor callbacks;
    private final HttpClient http;
    private final PendingCalls pending;
    /** Keys of the twins called, for verifying and opening their replies on the reading thread without a lookup. */
    private final Map<Long, TwinKey> called = new ConcurrentHashMap<>();
    /** The session calls go out on: completed while one is up, pending while (re)connecting. */
    private final AtomicReference<CompletableFuture<RelaySocket>> session0 =
            new AtomicReference<>(new CompletableFuture<>());
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private final AtomicInteger nextRelay = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RelaySocket.Events events = new RelaySocket.Events() {
        @Override
        public void received(RelaySocket socket, byte[] message) {
            onMessage(socket, message);
        }

        @Override
        public void dropped(RelaySocket socket, String why, boolean wasInstalled) {
            onDropped(socket, why, wasInstalled);
        }
    };

    private RmbClient(Builder b) {
        this.relays = List.copyOf(b.relays);
        TreeSet<String> hosts = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        relays.forEach(u -> hosts.add(u.getAuthority()));
        this.relayHosts = List.copyOf(hosts);
        this.twin = b.twin;
        this.session = b.session;
        this.key = b.key;
        this.e2e = E2eKey.of(b.key);
        this.twinKeys = b.twinKeys;
        this.encrypt = b.encrypt;
        this.connectTimeout = b.connectTimeout;
        this.pingInterval = b.pingInterval;
        this.silenceLimit = b.silenceLimit;
        this.backoffMin = b.backoffMin;
        this.backoffMax = b.backoffMax;
        this.maxMessageBytes = b.maxMessageBytes;
        this.clock = b.clock;
        this.random = b.random;
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("rmb-client-timer"));
        this.executor = Executors.newCachedThreadPool(daemon("rmb-client"));
        this.callbacks = task -> {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                java.util.concurrent.ForkJoinPool.commonPool().execute(task);
            }
        };
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).executor(callbacks).build();
        this.pending = new PendingCalls(this::accountKeyOf, this::open, b.maxPending);
    }

    /** A builder; the relay URL(s), twin, key and {@link TwinKeys} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts connecting; the builder calls it. */
    private RmbClient start() {
        callbacks.execute(this::attempt);
        timer.scheduleWithFixedDelay(this::keepAlive, pingInterval.toMillis(), pingInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    /** This client's twin id. */
    public long twin() {
        return twin;
    }

    /** The session id it logs in with (its address is the twin and this session), or empty for none. */
    public Optional<String> session() {
        return Optional.ofNullable(session);
    }

    /** The 33-byte e2e public key peers encrypt to; the twin's {@code pk} on tfchain must hold it. */
    public byte[] e2ePublicKey() {
        return e2e.publicKey();
    }

    /** Whether a relay session is up now. */
    public boolean isConnected() {
        CompletableFuture<RelaySocket> s = session0.get();
        return s.isDone() && !s.isCompletedExceptionally() && !s.join().ended();
    }

    /** Completes when a relay session is up (at once when one is); fails with RmbNotSentException once closed. */
    public CompletableFuture<Void> connected() {
        return session0.get().thenApply(s -> null);
    }

    /** How many relay sessions were opened so far. */
    public int connectionsOpened() {
        return connections.get();
    }

    /**
     * Sends a request to a twin and completes with the body of its reply (JSON for zos), or fails with:
     * {@link RmbErrorReplyException} (the peer answered with an error), {@link RmbRelayErrorException} (the relay
     * refused it), {@link RmbTimeoutException} (sent, no reply by the deadline), {@link RmbConnectionLostException}
     * (sent, then the connection dropped), {@link RmbNotSentException} (never sent: no connection by the deadline, or
     * closed), {@link UnknownTwinException}, {@link InvalidEnvelopeException} (a verified reply that cannot be opened),
     * or the {@link TwinKeys} lookup's own error. Never retried by the client.
     *
     * @param destinationTwin the twin to run the command (a zos node's twin, say)
     * @param command         such as {@code zos.deployment.get}
     * @param jsonBody        the request's body; empty for none (sent plain, as the TS client sends an empty body)
     * @param deadline        how long to wait for the reply, at most an hour; also the envelope's time to live
     * @throws InvalidInputException when an argument is out of range
     */
    public CompletableFuture<byte[]> call(long destinationTwin, String command, byte[] jsonBody, Duration deadline) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(jsonBody, "jsonBody");
        Objects.requireNonNull(deadline, "deadline");
        if (destinationTwin <= 0 || destinationTwin > 0xFFFF_FFFFL) {
            throw new InvalidInputException("twin", "a twin id is between 1 and 4294967295");
        }
        if (command.isBlank() || command.length() > 256) {
            throw new InvalidInputException("command", "a command is 1 to 256 characters");
        }
        if (deadline.isNegative() || deadline.isZero() || deadline.compareTo(MAX_DEADLINE) > 0) {
            throw new InvalidInputException("deadline", "a deadline is positive and at most " + MAX_DEADLINE);
        }
        if (jsonBody.length > maxMessageBytes - 4096) {
            throw new InvalidInputException("body", "a body is at most " + (maxMessageBytes - 4096) + " bytes");
        }
        if (closed.get()) {
            return CompletableFuture.failedFuture(new RmbNotSentException("the RMB client is closed"));
        }
        String uid = UUID.randomUUID().toString();
        Address source = new Address(twin, session);
        Address destination = Address.of(destinationTwin);
        Envelope.Request request = new Envelope.Request(command);
        // registered first, so the deadline counts from now whatever the lookup or the connection take
        Envelope skeleton = new Envelope(uid, null, 0, 0, source, destination, request, null, Envelope.JSON, null,
                null, relayHosts);
        CompletableFuture<byte[]> reply;
        try {
            reply = pending.register(skeleton, deadline);
        } catch (DeployerException e) {
            return CompletableFuture.failedFuture(e);
        }
        AtomicBoolean handedOver = new AtomicBoolean();
        AtomicReference<RelaySocket> sentOn = new AtomicReference<>();
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        reply.whenCompleteAsync((body, failure) -> {
            RelaySocket socket = sentOn.get();
            if (socket != null) {
                socket.forget(uid);
            }
            if (failure == null) {
                result.complete(body);
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof RmbTimeoutException && !handedOver.get()) {
                cause = new RmbNotSentException(command + " to twin " + destinationTwin + " was not sent: no "
                        + "connection to a relay within " + deadline);
            }
            result.completeExceptionally(cause);
        }, callbacks);
        try {
            executor.execute(() -> prepareAndSend(uid, source, destination, request, jsonBody, deadline, reply,
                    handedOver, sentOn));
        } catch (RejectedExecutionException e) {
            pending.fail(uid, new RmbNotSentException("the RMB client is closed"));
        }
        return result;
    }

    private void prepareAndSend(String uid, Address source, Address destination, Envelope.Request request,
            byte[] body, Duration deadline, CompletableFuture<byte[]> reply, AtomicBoolean handedOver,
            AtomicReference<RelaySocket> sentOn) {
        byte[] bytes;
        try {
            TwinKey peer = lookUp(destination.twin());
            called.put(destination.twin(), peer);
            Envelope.Payload payload;
            Optional<byte[]> peerE2e = peer.e2eKey();
            if (encrypt && peerE2e.isPresent() && body.length > 0) {
                payload = new Envelope.Cipher(e2e.encrypt(peerE2e.get(), body, random));
            } else {
                payload = new Envelope.Plain(body);
            }
            long ttl = Math.max(1, (deadline.toMillis() + 999) / 1000);
            Envelope envelope = new Envelope(uid, null, clock.instant().getEpochSecond(), ttl, source, destination,
                    request, null, Envelope.JSON, null, payload, relayHosts).signed(key);
            bytes = envelope.toBytes();
        } catch (DeployerException e) {
            pending.fail(uid, e);
            return;
        } catch (RuntimeException e) {
            pending.fail(uid, new DeployerException("preparing " + request.command() + " to twin "
                    + destination.twin() + " failed", e));
            return;
        }
        sendWhenConnected(uid, bytes, request.command(), destination.twin(), reply, handedOver, sentOn);
    }

    private TwinKey lookUp(long peerTwin) {
        Optional<TwinKey> found;
        try {
            found = twinKeys.find(peerTwin);
        } catch (DeployerException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DeployerException("looking up twin " + peerTwin + " failed", e);
        }
        if (found == null || found.isEmpty()) {
            throw new UnknownTwinException(peerTwin);
        }
        return found.get();
    }

    private void sendWhenConnected(String uid, byte[] bytes, String command, long peerTwin,
            CompletableFuture<byte[]> reply, AtomicBoolean handedOver, AtomicReference<RelaySocket> sentOn) {
        if (reply.isDone()) {
            return;
        }
        session0.get().whenComplete((socket, failure) -> {
            if (failure != null) {
                pending.fail(uid, new RmbNotSentException(command + " to twin " + peerTwin
                        + " was not sent: the RMB client is closed"));
                return;
            }
            if (reply.isDone()) {
                return;
            }
            sentOn.set(socket);
            socket.send(uid, command + " to twin " + peerTwin, bytes, handedOver).whenComplete((v, sendFailure) -> {
                if (sendFailure == null) {
                    return;
                }
                Throwable cause = sendFailure instanceof CompletionException && sendFailure.getCause() != null
                        ? sendFailure.getCause() : sendFailure;
                if (cause instanceof RelaySocket.NotSent) {
                    socket.forget(uid);
                    handedOver.set(false);
                    try {
                        executor.execute(() -> sendWhenConnected(uid, bytes, command, peerTwin, reply, handedOver,
                                sentOn));
                    } catch (RejectedExecutionException e) {
                        pending.fail(uid, new RmbNotSentException(command + " to twin " + peerTwin
                                + " was not sent: the RMB client is closed"));
                    }
                } else {
                    pending.fail(uid, lost(command, peerTwin, socket, "sending failed"));
                }
            });
        });
    }

    private static RmbConnectionLostException lost(String command, long peerTwin, RelaySocket socket, String why) {
        return lost(command + " to twin " + peerTwin, socket, why);
    }

    private static RmbConnectionLostException lost(String label, RelaySocket socket, String why) {
        return new RmbConnectionLostException("the connection to relay " + socket.relay() + " was lost (" + why
                + ") after " + label + " was sent; whether the twin carried it out is not known");
    }

    private byte[] accountKeyOf(long peerTwin) {
        TwinKey k = called.get(peerTwin);
        return k == null ? null : k.accountKey();
    }

    private byte[] open(long peerTwin, byte[] cipher) {
        TwinKey k = called.get(peerTwin);
        Optional<byte[]> peerE2e = k == null ? Optional.empty() : k.e2eKey();
        if (peerE2e.isEmpty()) {
            throw new InvalidEnvelopeException("cipher", "twin " + peerTwin
                    + " sent an encrypted reply but has no e2e key to open it with");
        }
        return e2e.decrypt(peerE2e.get(), cipher);
    }

    private void onMessage(RelaySocket socket, byte[] message) {
        Envelope envelope;
        try {
            envelope = Envelope.parse(message);
        } catch (InvalidEnvelopeException e) {
            LOG.warn("dropped a message from relay {} that is not an RMB envelope: {}", socket.relay(),
                    e.getMessage());
            return;
        }
        if (envelope.message() instanceof Envelope.Pong || envelope.message() instanceof Envelope.Ping) {
            return;
        }
        if (envelope.message() instanceof Envelope.Request r) {
            LOG.debug("dropped request {} from {}: this client serves no commands", r.command(), envelope.source());
            return;
        }
        PendingCalls.Outcome outcome = pending.accept(envelope);
        switch (outcome) {
            case REFUSED -> LOG.warn("refused an envelope for request {} from {}: wrong sender, not a reply, or its "
                    + "signature does not verify", envelope.uid(), envelope.source());
            case UNKNOWN -> LOG.debug("dropped an envelope for no waiting request ({})", envelope.uid());
            default -> {
            }
        }
    }

    private void attempt() {
        if (closed.get()) {
            return;
        }
        URI base = relays.get(Math.floorMod(nextRelay.getAndIncrement(), relays.size()));
        URI uri;
        try {
            String token = RelayToken.create(twin, session, key, clock.instant().getEpochSecond(), TOKEN_TTL_SECONDS);
            uri = URI.create(base + "?" + token);
        } catch (RuntimeException e) {
            failedAttempt(base, e);
            return;
        }
        RelaySocket socket = new RelaySocket(events, maxMessageBytes, callbacks, base.getAuthority());
        AtomicBoolean settled = new AtomicBoolean();
        CompletableFuture<java.net.http.WebSocket> opening;
        try {
            opening = http.newWebSocketBuilder().connectTimeout(connectTimeout).buildAsync(uri, socket);
        } catch (RuntimeException e) {
            failedAttempt(base, e);
            return;
        }
        ScheduledFutureHolder giveUp = new ScheduledFutureHolder();
        try {
            giveUp.set(timer.schedule(() -> {
                if (settled.compareAndSet(false, true)) {
                    opening.cancel(true);
                    failedAttempt(base, new java.net.http.HttpTimeoutException("no websocket within "
                            + connectTimeout));
                }
            }, connectTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            LOG.debug("closed while connecting");
        }
        opening.whenComplete((ws, failure) -> {
            if (!settled.compareAndSet(false, true)) {
                if (ws != null) {
                    ws.abort();
                }
                return;
            }
            giveUp.cancel();
            if (failure != null) {
                failedAttempt(base, failure);
            } else {
                opened(socket);
            }
        });
    }

    private void opened(RelaySocket socket) {
        if (closed.get()) {
            socket.close();
            return;
        }
        if (!socket.install()) {
            failedAttempt(URI.create("ws://" + socket.relay()), new IllegalStateException("dropped while opening"));
            return;
        }
        failedAttempts.set(0);
        connections.incrementAndGet();
        LOG.info("connected to RMB relay {} as twin {}", socket.relay(), twin);
        CompletableFuture<RelaySocket> current = session0.get();
        if (!current.complete(socket)) {
            // a session was up already (cannot happen: one attempt at a time); use the newest
            session0.set(CompletableFuture.completedFuture(socket));
        }
    }

    private void failedAttempt(URI relay, Throwable failure) {
        int n = failedAttempts.incrementAndGet();
        Duration delay = backoff(n, backoffMin, backoffMax, random.nextDouble());
        LOG.warn("connecting to RMB relay {} failed ({}); trying again in {} ms", relay.getAuthority(),
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure,
                delay.toMillis());
        scheduleAttempt(delay);
    }

    private void onDropped(RelaySocket socket, String why, boolean wasInstalled) {
        CompletableFuture<RelaySocket> current = session0.get();
        if (current.isDone() && !current.isCompletedExceptionally() && current.join() == socket) {
            session0.compareAndSet(current, new CompletableFuture<>());
        }
        socket.handedOverRequests().forEach((uid, label) -> pending.fail(uid, lost(label, socket, why)));
        if (closed.get() || !wasInstalled) {
            return; // closing; or still opening, and the opening's end schedules the next attempt
        }
        LOG.warn("the connection to RMB relay {} dropped: {}", socket.relay(), why);
        int n = failedAttempts.incrementAndGet();
        scheduleAttempt(backoff(n, backoffMin, backoffMax, random.nextDouble()));
    }

    private void keepAlive() {
        CompletableFuture<RelaySocket> current = session0.get();
        if (!current.isDone() || current.isCompletedExceptionally()) {
            return;
        }
        RelaySocket socket = current.join();
        long silentNanos = System.nanoTime() - socket.lastHeardNanos();
        if (silentNanos > silenceLimit.toNanos()) {
            socket.end("nothing heard for " + Duration.ofNanos(silentNanos).toMillis() + " ms");
        } else {
            socket.ping();
        }
    }

    /** The next connection attempt after the delay, run off the timer (opening may resolve the relay's name). */
    private void scheduleAttempt(Duration delay) {
        try {
            timer.schedule(() -> callbacks.execute(this::attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("not reconnecting: the client is closed");
        }
    }

    /**
     * The wait before reconnect attempt {@code attempt} (1 for the first): {@code min * 2^(attempt-1)} capped at
     * {@code max}, then scaled by a jitter between one half and one ({@code unit} in [0, 1)).
     */
    static Duration backoff(int attempt, Duration min, Duration max, double unit) {
        long minMs = min.toMillis();
        long cap = max.toMillis();
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long base = Math.min(cap, minMs << shift);
        if (base < 0) {
            base = cap;
        }
        double jitter = 0.5 + 0.5 * Math.min(Math.max(unit, 0), 1);
        return Duration.ofMillis(Math.max(1, (long) (base * jitter)));
    }

    /**
     * Closes the relay session and stops reconnecting. Requests waiting for a connection fail with
     * {@link RmbNotSentException}, requests sent and unanswered with {@link RmbConnectionLostException}.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RmbNotSentException closedNow = new RmbNotSentException("the RMB client is closed");
        CompletableFuture<RelaySocket> current = session0.getAndSet(CompletableFuture.failedFuture(closedNow));
        if (!current.completeExceptionally(closedNow) && !current.isCompletedExceptionally()) {
            current.join().close();
        }
        timer.shutdownNow();
        executor.shutdown();
        LOG.info("RMB client of twin {} closed", twin);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A scheduled task that may not be known yet when it must be cancelled. */
    private static final class ScheduledFutureHolder {
        private final AtomicReference<java.util.concurrent.ScheduledFuture<?>> task = new AtomicReference<>();

        void set(java.util.concurrent.ScheduledFuture<?> f) {
            task.set(f);
        }

        void cancel() {
            java.util.concurrent.ScheduledFuture<?> f = task.get();
            if (f != null) {
                f.cancel(false);
            }
        }
    }

    /** Configuration of an {@link RmbClient}. */
    public static final class Builder {
        private final List<URI> relays = new ArrayList<>();
        private long twin = -1;
        private String session = "tbd-" + HexFormat.of().formatHex(randomBytes(6));
        private Ed25519KeyPair key;
        private TwinKeys twinKeys;
        private boolean encrypt = true;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration pingInterval = Duration.ofSeconds(20);
        private Duration silenceLimit = Duration.ofSeconds(40);
        private Duration backoffMin = Duration.ofMillis(500);
        private Duration backoffMax = Duration.ofSeconds(30);
        private int maxMessageBytes = Envelope.MAX_BYTES;
        private int maxPending = 1024;
        private Clock clock = Clock.systemUTC();
        private SecureRandom random = new SecureRandom();

        private Builder() {
        }

        private static byte[] randomBytes(int n) {
            byte[] b = new byte[n];
            new SecureRandom().nextBytes(b);
            return b;
        }

        /** A relay to connect to ({@code wss://relay.grid.tf}, say); several are tried in turn. */
        public Builder relay(URI relay) {
            Objects.requireNonNull(relay, "relay");
            String scheme = relay.getScheme();
            if (!"wss".equalsIgnoreCase(scheme) && !"ws".equalsIgnoreCase(scheme)) {
                throw new InvalidInputException("relay", "a relay URL is ws:// or wss://");
            }
            if (relay.getRawQuery() != null || relay.getRawFragment() != null || relay.getAuthority() == null) {
                throw new InvalidInputException("relay", "a relay URL has a host and no query or fragment");
            }
            relays.add(relay);
            return this;
        }

        /** Relays to connect to, tried in turn. */
        public Builder relays(List<URI> urls) {
            urls.forEach(this::relay);
            return this;
        }

        /** This client's twin id (required). */
        public Builder twin(long twinId) {
            if (twinId <= 0 || twinId > 0xFFFF_FFFFL) {
                throw new InvalidInputException("twin", "a twin id is between 1 and 4294967295");
            }
            this.twin = twinId;
            return this;
        }

        /** The twin's ed25519 key (required): it signs the login token and every envelope; its seed gives the e2e key. */
        public Builder key(Ed25519KeyPair twinKey) {
            this.key = Objects.requireNonNull(twinKey, "key");
            return this;
        }

        /** Where peers' keys are found (required). */
        public Builder twinKeys(TwinKeys keys) {
            this.twinKeys = Objects.requireNonNull(keys, "twinKeys");
            return this;
        }

        /**
         * The relay session id (default: a random {@code tbd-} id per client, so that clients of one twin do not
         * replace each other at the relay); null for none, which rmb-peer uses.
         */
        public Builder session(String sessionId) {
            if (sessionId != null && (sessionId.isEmpty() || sessionId.length() > 64)) {
                throw new InvalidInputException("session", "a session id is 1 to 64 characters");
            }
            this.session = sessionId;
            return this;
        }

        /** Whether request bodies are encrypted for peers that have an e2e key (default true). */
        public Builder encrypt(boolean enabled) {
            this.encrypt = enabled;
            return this;
        }

        /** How long opening a websocket may take (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** How often the relay is pinged (default 20 s), and how long it may stay silent (default 40 s). */
        public Builder keepAlive(Duration interval, Duration silence) {
            this.pingInterval = positive(interval, "pingInterval");
            this.silenceLimit = positive(silence, "silenceLimit");
            return this;
        }

        /** The first wait before reconnecting (default 500 ms) and the longest (default 30 s). */
        public Builder backoff(Duration first, Duration longest) {
            this.backoffMin = positive(first, "backoffMin");
            this.backoffMax = positive(longest, "backoffMax");
            if (longest.compareTo(first) < 0) {
                throw new InvalidInputException("backoff", "the longest wait is not below the first");
            }
            return this;
        }

        /** The largest message taken from a relay (default {@link Envelope#MAX_BYTES}); larger ones are dropped. */
        public Builder maxMessageBytes(int bytes) {
            if (bytes < 8192 || bytes > Envelope.MAX_BYTES) {
                throw new InvalidInputException("maxMessageBytes", "between 8192 and " + Envelope.MAX_BYTES);
            }
            this.maxMessageBytes = bytes;
            return this;
        }

        /** How many calls may wait for replies at once (default 1024). */
        public Builder maxPending(int calls) {
            if (calls < 1) {
                throw new InvalidInputException("maxPending", "at least 1");
            }
            this.maxPending = calls;
            return this;
        }

        /** The clock envelopes and tokens are stamped with (default UTC system clock). */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** The randomness of nonces and jitter (default a new SecureRandom). */
        public Builder random(SecureRandom r) {
            this.random = Objects.requireNonNull(r, "random");
            return this;
        }

        /** The client, connecting in the background. */
        public RmbClient build() {
            if (relays.isEmpty()) {
                throw new InvalidInputException("relay", "at least one relay URL is needed");
            }
            if (twin < 0) {
                throw new InvalidInputException("twin", "the twin id is needed");
            }
            if (key == null) {
                throw new InvalidInputException("key", "the twin's key is needed");
            }
            if (twinKeys == null) {
                throw new InvalidInputException("twinKeys", "a twin key lookup is needed");
            }
            return new RmbClient(this).start();
        }

        private static Duration positive(Duration d, String field) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new InvalidInputException(field, field + " is a positive duration");
            }
            return d;
        }
    }
}
