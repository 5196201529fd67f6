package io.threebot.deployer.tfgrid.rmb;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One websocket session with a relay: binary messages in (each whole message, up to a size, handed to
 * {@link Events#received}), envelopes out one at a time in the order given, liveness noted on every frame read. The
 * first failure of any kind ends it for good ({@link Events#dropped}, once); requests it had sent are then the
 * client's to fail, and those it had not sent yet are handed back as {@link NotSent}. No lock is held anywhere.
 */
final class RelaySocket implements WebSocket.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(RelaySocket.class);

    /** What the socket tells its client. */
    interface Events {
        /** A whole binary message, within the size limit. */
        void received(RelaySocket socket, byte[] message);

        /** The session ended; called once, saying whether the client had {@link #install installed} it. */
        void dropped(RelaySocket socket, String why, boolean wasInstalled);
    }

    /** A send that never reached the websocket: the session had ended first. Safe to send again elsewhere. */
    static final class NotSent extends RuntimeException {
        NotSent() {
            super("the relay session ended before the message was sent", null, false, false);
        }
    }

    private record Outgoing(byte[] bytes, AtomicBoolean handedOver, CompletableFuture<Void> done) {
    }

    private final Events events;
    private final int maxMessageBytes;
    private final Executor executor;
    private final String relay;
    private final Queue<Outgoing> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private static final int OPENING = 0;
    private static final int INSTALLED = 1;
    private static final int ENDED_OPENING = 2;
    private static final int ENDED_INSTALLED = 3;
    private final java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicLong lastHeardNanos = new AtomicLong(System.nanoTime());
    /** A request given to this session: what it is (for messages) and whether it went to the websocket. */
    private record Given(String label, AtomicBoolean handedOver) {
    }

    /** Requests given to this session, by uid. */
    private final Map<String, Given> requests = new ConcurrentHashMap<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private boolean discarding;
    private volatile WebSocket webSocket;

    RelaySocket(Events events, int maxMessageBytes, Executor executor, String relay) {
        this.events = events;
        this.maxMessageBytes = maxMessageBytes;
        this.executor = executor;
        this.relay = relay;
    }

    /** The relay's address, for messages. */
    String relay() {
        return relay;
    }

    /** Whether the session has ended. */
    boolean ended() {
        return state.get() >= ENDED_OPENING;
    }

    /** Marks the session as the client's current one; false when it ended while opening. */
    boolean install() {
        return state.compareAndSet(OPENING, INSTALLED);
    }

    /** Nanos ({@link System#nanoTime()}) when a frame was last read. */
    long lastHeardNanos() {
        return lastHeardNanos.get();
    }

    /**
     * Queues a request's bytes. The future completes once the websocket took them, fails with {@link NotSent} when the
     * session ended before they were handed over, or with the websocket's error (the bytes may have gone out).
     * {@code handedOver} is set just before the bytes are given to the websocket.
     */
    CompletableFuture<Void> send(String uid, String label, byte[] bytes, AtomicBoolean handedOver) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        requests.put(uid, new Given(label, handedOver));
        queue.add(new Outgoing(bytes, handedOver, done));
        drain();
        return done;
    }

    /** Forgets a request (answered, failed or timed out). */
    void forget(String uid) {
        requests.remove(uid);
    }

    /** The requests whose bytes went to the websocket (uid to label), for failing them once the session ended. */
    Map<String, String> handedOverRequests() {
        Map<String, String> out = new java.util.HashMap<>();
        requests.forEach((uid, given) -> {
            if (given.handedOver().get()) {
                out.put(uid, given.label());
            }
        });
        return out;
    }

    private void drain() {
        while (sending.compareAndSet(false, true)) {
            Outgoing next = queue.poll();
            if (next == null) {
                sending.set(false);
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            WebSocket ws = webSocket;
            if (ended() || ws == null) {
                next.done().completeExceptionally(new NotSent());
                sending.set(false);
                continue;
            }
            next.handedOver().set(true);
            CompletableFuture<WebSocket> sent;
            try {
                sent = ws.sendBinary(ByteBuffer.wrap(next.bytes()), true);
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.whenCompleteAsync((w, failure) -> {
                if (failure != null) {
                    next.done().completeExceptionally(failure);
                    end("sending failed: " + failure);
                } else {
                    next.done().complete(null);
                }
                sending.set(false);
                drain();
            }, executor);
            return;
        }
    }

    /** Sends a websocket ping (keep-alive); a failure ends the session. */
    void ping() {
        WebSocket ws = webSocket;
        if (ws == null || ended()) {
            return;
        }
        try {
            ws.sendPing(ByteBuffer.allocate(0)).whenComplete((w, failure) -> {
                if (failure != null) {
                    end("ping failed: " + failure);
                }
            });
        } catch (IllegalStateException e) {
            LOG.debug("the previous ping to {} is still going out", relay);
        }
    }

    /**
     * Ends the session: the websocket is aborted, the client is told (once), then queued sends are handed back as
     * {@link NotSent}: the client has stopped offering this session by then, so they go to the next one.
     */
    void end(String why) {
        boolean wasInstalled;
        while (true) {
            int now = state.get();
            if (now >= ENDED_OPENING) {
                return;
            }
            if (state.compareAndSet(now, now == INSTALLED ? ENDED_INSTALLED : ENDED_OPENING)) {
                wasInstalled = now == INSTALLED;
                break;
            }
        }
        WebSocket ws = webSocket;
        if (ws != null) {
            ws.abort();
        }
        events.dropped(this, why, wasInstalled);
        drain();
    }

    /** Closes politely (a close frame, then the socket) and ends the session. */
    void close() {
        WebSocket ws = webSocket;
        if (ws != null && !ended()) {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "closing");
            } catch (RuntimeException e) {
                LOG.debug("closing the session with {} failed", relay, e);
            }
        }
        end("closed by the client");
    }

    @Override
    public void onOpen(WebSocket ws) {
        webSocket = ws;
        lastHeardNanos.set(System.nanoTime());
        ws.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        lastHeardNanos.set(System.nanoTime());
        if (!discarding) {
            if ((long) partial.size() + data.remaining() > maxMessageBytes) {
                LOG.warn("a message from relay {} is over {} bytes: dropped", relay, maxMessageBytes);
                discarding = true;
                partial.reset();
            } else {
                byte[] chunk = new byte[data.remaining()];
                data.get(chunk);
                partial.writeBytes(chunk);
            }
        }
        if (last) {
            byte[] message = discarding ? null : partial.toByteArray();
            partial.reset();
            discarding = false;
            if (message != null) {
                try {
                    events.received(this, message);
                } catch (RuntimeException e) {
                    LOG.warn("handling a message from relay {} failed", relay, e);
                }
            }
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        lastHeardNanos.set(System.nanoTime());
        LOG.debug("relay {} sent a text frame, which RMB does not use: ignored", relay);
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
        // the JDK answers with a pong by itself
        lastHeardNanos.set(System.nanoTime());
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
        lastHeardNanos.set(System.nanoTime());
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        end("closed by the relay (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")");
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        end("websocket error: " + error);
    }
}
