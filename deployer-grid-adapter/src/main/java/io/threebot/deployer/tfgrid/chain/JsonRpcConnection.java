package io.threebot.deployer.tfgrid.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON-RPC 2.0 connection to a Substrate node over a websocket (the JDK's {@link WebSocket}): requests with
 * numeric ids matched to their answers, subscriptions whose notifications ({@code {"method": ...,
 * "params": {"subscription": id, "result": ...}}}) are queued for their reader, a deadline on every wait, and a cap
 * on the size of a message (text frames are assembled up to it).
 *
 * <p>A message that is not JSON, a binary frame or a message over the cap poisons the stream: the connection is
 * aborted and every waiting call and subscription fails with {@link ChainProtocolException}. When the socket closes
 * or fails, every waiting call and subscription fails with {@link ChainConnectionException}. An answer to an id
 * nobody waits for (a call that timed out) is dropped. Nothing is ever sent again: retrying is the caller's choice.
 * Thread-safe; no lock is held while sending or waiting.
 */
final class JsonRpcConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcConnection.class);
    private static final int MAX_PENDING = 1024;
    private static final int MAX_QUEUED_NOTIFICATIONS = 256;

    /** Notifications of one subscription, in the order they came; ended by a failure of the connection. */
    static final class Subscription {
        private final String method;
        private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>(MAX_QUEUED_NOTIFICATIONS + 1);
        private volatile String id;

        private Subscription(String method) {
            this.method = method;
        }

        /** The node's id of the subscription. */
        String id() {
            return id;
        }

        /**
         * The next notification's {@code result}, or empty when none came within the timeout.
         *
         * @throws ChainException when the connection failed or the subscription overflowed
         */
        Optional<JsonNode> next(Duration timeout) {
            Object item;
            try {
                item = queue.poll(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChainConnectionException("interrupted while waiting for " + method + " notifications", e);
            }
            if (item instanceof ChainException failure) {
                queue.offer(failure); // stays ended for later reads
                throw failure;
            }
            return Optional.ofNullable((JsonNode) item);
        }

        private void offer(JsonNode result) {
            if (queue.remainingCapacity() <= 1) {
                end(new ChainProtocolException("the node sent more than " + MAX_QUEUED_NOTIFICATIONS
                        + " unread " + method + " notifications"));
            } else {
                queue.offer(result);
            }
        }

        private void end(ChainException failure) {
            queue.clear();
            queue.offer(failure);
        }
    }

    private record Waiting(String method, CompletableFuture<JsonNode> answer, Subscription subscription) {
    }

    private final URI uri;
    private final ObjectMapper json;
    private final int maxMessageChars;
    private final Map<Long, Waiting> pending = new ConcurrentHashMap<>();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Object sendOrder = new Object();
    private volatile WebSocket socket;
    private volatile ChainException closedBy;
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null); // guarded by sendOrder

    private JsonRpcConnection(URI uri, int maxMessageChars) {
        this.uri = uri;
        this.maxMessageChars = maxMessageChars;
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(maxMessageChars).maxNestingDepth(64).build()).build();
        this.json = new ObjectMapper(factory);
    }

    /**
     * Opens a connection.
     *
     * @param maxMessageChars the largest message accepted from the node, in characters
     * @throws ChainTimeoutException    when the handshake does not finish before the deadline
     * @throws ChainConnectionException when the node cannot be reached or refuses the websocket
     */
    static JsonRpcConnection open(HttpClient http, URI uri, Duration deadline, int maxMessageChars) {
        JsonRpcConnection connection = new JsonRpcConnection(uri, maxMessageChars);
        CompletableFuture<WebSocket> handshake = http.newWebSocketBuilder().connectTimeout(deadline)
                .buildAsync(uri, connection.new Listener());
        try {
            connection.socket = handshake.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
            return connection;
        } catch (TimeoutException e) {
            handshake.cancel(true);
            handshake.thenAccept(WebSocket::abort);
            throw new ChainTimeoutException("the chain node at " + uri + " did not accept a websocket within "
                    + deadline);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                throw new ChainTimeoutException("the chain node at " + uri + " did not accept a websocket within "
                        + deadline);
            }
            throw new ChainConnectionException("cannot open a websocket to the chain node at " + uri + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handshake.thenAccept(WebSocket::abort);
            throw new ChainConnectionException("interrupted while connecting to " + uri, e);
        }
    }

    /** Whether the connection is still usable. */
    boolean isOpen() {
        return closedBy == null;
    }

    /**
     * Calls a method and waits for its result.
     *
     * @throws ChainTimeoutException    when no answer comes before the deadline
     * @throws ChainRpcException        when the node answers with an error
     * @throws ChainConnectionException when the connection is closed or closes meanwhile
     * @throws ChainProtocolException   when the node's messages are refused
     */
    JsonNode call(String method, List<?> params, Duration deadline) {
        return await(start(method, params, null), method, deadline);
    }

    /**
     * Subscribes (e.g. {@code author_submitAndWatchExtrinsic}) and waits for the subscription's id. Notifications
     * that follow the answer are queued from the moment it is read, so none is missed.
     *
     * @throws ChainException as {@link #call}
     */
    Subscription subscribe(String method, List<?> params, Duration deadline) {
        Subscription subscription = new Subscription(method);
        JsonNode id = await(start(method, params, subscription), method, deadline);
        if (subscription.id == null) {
            throw new ChainProtocolException("the node answered " + method + " with " + abbreviate(id.toString())
                    + ", not a subscription id");
        }
        return subscription;
    }

    /** Ends a subscription: forgets it and tells the node, without waiting for the answer. */
    void unsubscribe(Subscription subscription, String method) {
        if (subscription.id == null || subscriptions.remove(subscription.id) == null || !isOpen()) {
            return;
        }
        try {
            start(method, List.of(subscription.id), null).exceptionally(e -> null);
        } catch (ChainException e) {
            LOG.debug("could not end the subscription {}: {}", subscription.id, e.getMessage());
        }
    }

    /** Closes the connection; waiting calls fail with {@link ChainConnectionException}. Does not block. */
    @Override
    public void close() {
        failAll(new ChainConnectionException("the connection to " + uri + " was closed"));
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    // ---- sending ----

    private CompletableFuture<JsonNode> start(String method, List<?> params, Subscription subscription) {
        ChainException closed = closedBy;
        if (closed != null) {
            throw new ChainConnectionException("cannot call " + method + ": " + closed.getMessage(), closed);
        }
        if (pending.size() >= MAX_PENDING) {
            throw new ChainConnectionException("too many calls wait for the chain node (" + MAX_PENDING + ")");
        }
        long id = ids.incrementAndGet();
        ObjectNode request = json.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        ArrayNode array = request.putArray("params");
        params.forEach(p -> array.add(json.valueToTree(p)));
        String text;
        try {
            text = json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON-RPC request could not be written", e);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, new Waiting(method, answer, subscription));
        answer.whenComplete((r, e) -> pending.remove(id));
        closed = closedBy;
        if (closed != null) { // closed between the check and the registration: failAll may have missed it
            answer.completeExceptionally(closed);
            return answer;
        }
        send(text).whenComplete((ws, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(new ChainConnectionException("cannot send " + method + " to " + uri
                        + ": " + failure.getMessage(), failure));
            }
        });
        return answer;
    }

    /** The JDK websocket takes one send at a time, so sends are chained; only the chaining is synchronized. */
    private CompletableFuture<WebSocket> send(String text) {
        synchronized (sendOrder) {
            CompletableFuture<WebSocket> next = lastSend.handle((x, e) -> null)
                    .thenCompose(x -> socket.sendText(text, true));
            lastSend = next;
            return next;
        }
    }

    private JsonNode await(CompletableFuture<JsonNode> answer, String method, Duration deadline) {
        try {
            return answer.get(Math.max(0, deadline.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.completeExceptionally(new ChainTimeoutException("timed out"));
            throw new ChainTimeoutException("the chain node at " + uri + " did not answer " + method + " within "
                    + deadline);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ChainException failure) {
                throw rethrown(failure);
            }
            throw new ChainConnectionException(method + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.completeExceptionally(new ChainConnectionException("interrupted"));
            throw new ChainConnectionException("interrupted while waiting for " + method, e);
        }
    }

    /** The same error, made on this thread so its stack shows the caller. */
    private static ChainException rethrown(ChainException failure) {
        if (failure instanceof ChainRpcException rpc) {
            return rpc;
        } else if (failure instanceof ChainTimeoutException) {
            return new ChainTimeoutException(failure.getMessage());
        } else if (failure instanceof ChainProtocolException) {
            return new ChainProtocolException(failure.getMessage(), failure);
        }
        return new ChainConnectionException(failure.getMessage(), failure);
    }

    // ---- receiving ----

    private void failAll(ChainException failure) {
        if (closedBy == null) {
            closedBy = failure;
        }
        ChainException cause = closedBy;
        pending.values().forEach(w -> w.answer().completeExceptionally(cause));
        subscriptions.values().forEach(s -> s.end(cause));
        subscriptions.clear();
    }

    private void poison(ChainProtocolException failure) {
        LOG.warn("dropping the connection to {}: {}", uri, failure.getMessage());
        failAll(failure);
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    private void handle(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JsonProcessingException | RuntimeException e) {
            poison(new ChainProtocolException("the chain node at " + uri + " sent a message that is not JSON: "
                    + abbreviate(text), e));
            return;
        }
        if (message == null || !message.isObject()) {
            poison(new ChainProtocolException("the chain node at " + uri + " sent " + abbreviate(text)
                    + ", not a JSON-RPC object"));
            return;
        }
        JsonNode id = message.get("id");
        if (id != null && !id.isNull()) {
            answer(id, message);
        } else if (message.path("params").isObject() && message.path("params").has("subscription")) {
            notification(message.get("params"));
        } else {
            LOG.debug("ignoring a message from {} that answers nothing: {}", uri, abbreviate(text));
        }
    }

    private void answer(JsonNode id, JsonNode message) {
        Waiting waiting = id.canConvertToExactIntegral() && id.canConvertToLong() ? pending.get(id.asLong()) : null;
        if (waiting == null) {
            LOG.debug("ignoring an answer from {} to id {}, which no call waits for", uri, abbreviate(id.toString()));
            return;
        }
        JsonNode error = message.get("error");
        if (error != null && !error.isNull()) {
            JsonNode data = error.path("data");
            waiting.answer().completeExceptionally(new ChainRpcException(waiting.method(),
                    error.path("code").asLong(0), abbreviate(error.path("message").asText("")),
                    abbreviate(data.isMissingNode() || data.isNull() ? "" : data.isTextual() ? data.asText()
                            : data.toString())));
        } else if (!message.has("result")) {
            waiting.answer().completeExceptionally(new ChainProtocolException("the chain node answered "
                    + waiting.method() + " with neither a result nor an error"));
        } else {
            JsonNode result = message.get("result");
            Subscription subscription = waiting.subscription();
            if (subscription != null && (result.isTextual() || result.isIntegralNumber())
                    && !result.asText().isEmpty() && result.asText().length() <= 128) {
                subscription.id = result.asText();
                subscriptions.put(subscription.id, subscription);
            }
            waiting.answer().complete(result);
        }
    }

    private void notification(JsonNode params) {
        Subscription subscription = subscriptions.get(params.path("subscription").asText());
        if (subscription == null) {
            LOG.debug("ignoring a notification from {} for a subscription nobody reads", uri);
        } else if (!params.has("result")) {
            subscription.end(new ChainProtocolException("the chain node sent a " + subscription.method
                    + " notification without a result"));
        } else {
            subscription.offer(params.get("result"));
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "... (" + text.length() + " characters)";
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();
        private boolean discarding;

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (discarding) {
                return null;
            }
            if ((long) buffer.length() + data.length() > maxMessageChars) {
                discarding = true;
                buffer.setLength(0);
                buffer.trimToSize();
                poison(new ChainProtocolException("the chain node at " + uri + " sent a message larger than "
                        + maxMessageChars + " characters"));
                return null;
            }
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                if (buffer.capacity() > 1 << 16) {
                    buffer.trimToSize();
                }
                handle(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            discarding = true;
            poison(new ChainProtocolException("the chain node at " + uri + " sent a binary frame, not JSON-RPC text"));
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failAll(new ChainConnectionException("the chain node at " + uri + " closed the connection (" + statusCode
                    + (reason.isEmpty() ? "" : " " + abbreviate(reason)) + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failAll(new ChainConnectionException("the connection to the chain node at " + uri + " failed: "
                    + error.getMessage(), error));
        }
    }
}
