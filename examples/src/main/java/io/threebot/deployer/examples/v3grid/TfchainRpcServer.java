package io.threebot.deployer.examples.v3grid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.tfgrid.testkit.WriteDemands;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link LocalTfchain} over websocket JSON-RPC 2.0 as a Substrate node does: the methods of
 * {@link RpcMethods}, and subscriptions to new and finalized heads, runtime versions, storage and extrinsic status
 * ({@code author_submitAndWatchExtrinsic}: {@code ready}, then {@code inBlock} and {@code finalized} with the block
 * hash). An unknown method answers {@code -32601 "Method not found"}; malformed JSON {@code -32700}; a frame over
 * 4 MiB closes the connection.
 */
public final class TfchainRpcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TfchainRpcServer.class);
    private static final int MAX_FRAME = 4 << 20;

    /**
     * A subscription. As a node does, it sends nothing before the answer that gives its id: clients drop a
     * notification for an id they do not know yet, so what comes earlier (the first value, an extrinsic's
     * {@code inBlock} when a block was made meanwhile) is held until that answer was sent.
     */
    private final class Subscription {
        private final WebSocket socket;
        private final String id;
        private final String kind;
        private final List<String> keys;
        private List<String> held = new ArrayList<>(); // null once the answer was sent

        Subscription(WebSocket socket, String id, String kind, List<String> keys) {
            this.socket = socket;
            this.id = id;
            this.kind = kind;
            this.keys = keys;
        }

        void notify(String method, JsonNode result) {
            notify(method, () -> result);
        }

        /**
         * Sends what {@code result} makes; while the answer is not sent, makes it and holds it under this
         * subscription's monitor (no I/O then). A first value read from the head so never follows the change of a
         * newer block: that change is held either after it, or before it, and then the head read includes its
         * block (the chain publishes a block before its listeners hear of it).
         */
        void notify(String method, Supplier<JsonNode> result) {
            synchronized (this) {
                if (held != null) {
                    held.add(message(method, result.get()));
                    return;
                }
            }
            send(List.of(message(method, result.get())));
        }

        private String message(String method, JsonNode result) {
            ObjectNode message = json.createObjectNode().put("jsonrpc", "2.0").put("method", method);
            message.putObject("params").put("subscription", id).set("result", result);
            return message.toString();
        }

        /** The answer giving its id was sent: what was held goes out, in order, and the rest as it comes. */
        void answered() {
            while (true) {
                List<String> batch;
                synchronized (this) {
                    if (held.isEmpty()) {
                        held = null;
                        return;
                    }
                    batch = held;
                    held = new ArrayList<>();
                }
                send(batch);
            }
        }

        private void send(List<String> messages) {
            for (String message : messages) {
                if (socket.isOpen()) {
                    socket.send(message);
                }
            }
        }
    }

    private final LocalTfchain chain;
    private final ObjectMapper json = new ObjectMapper();
    private final RpcMethods methods;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Subscription> watched = new ConcurrentHashMap<>(); // extrinsic hash -> subscription
    private record Finality(String blockHash, long notBefore) {
    }

    /** How long after inclusion finality is reported, at least (clients fetch the events in between). */
    private static final long FINALITY_DELAY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final Map<String, Finality> finalizing = new ConcurrentHashMap<>(); // subscription -> finality
    private final AtomicLong ids = new AtomicLong();
    private final Server server;
    private final WriteDemands writeDemands;
    private final ChainListener listener = this::onBlock;

    private TfchainRpcServer(LocalTfchain chain, InetSocketAddress address) {
        this.chain = chain;
        this.methods = new RpcMethods(chain, json);
        this.server = new Server(address);
        this.writeDemands = WriteDemands.watch(server, "tfchain-rpc");
    }

    /** Serves the chain on a loopback port (0 for a free one) and returns once it listens. */
    public static TfchainRpcServer start(LocalTfchain chain, int port) throws InterruptedException {
        TfchainRpcServer rpc = new TfchainRpcServer(chain, new InetSocketAddress("127.0.0.1", port));
        rpc.server.setReuseAddr(true);
        rpc.server.start();
        if (!rpc.server.started.await(10, TimeUnit.SECONDS)) {
            rpc.writeDemands.close();
            throw new io.threebot.deployer.errors.DeployerException("the tfchain RPC server did not start");
        }
        chain.addListener(rpc.listener);
        return rpc;
    }

    /** The websocket URL ({@code ws://127.0.0.1:PORT}), what clients take as their substrate URL. */
    public URI url() {
        return URI.create("ws://127.0.0.1:" + server.getPort());
    }

    private final class Server extends WebSocketServer {
        private final CountDownLatch started = new CountDownLatch(1);

        Server(InetSocketAddress address) {
            super(address, List.of(new Draft_6455(List.of(), List.of(new org.java_websocket.protocols.Protocol("")),
                    MAX_FRAME)));
        }

        @Override
        public void onOpen(WebSocket socket, ClientHandshake handshake) {
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason, boolean remote) {
            subscriptions.values().stream().filter(s -> s.socket == socket).toList()
                    .forEach(TfchainRpcServer.this::forget);
        }

        @Override
        public void onMessage(WebSocket socket, String message) {
            List<Subscription> opened = new ArrayList<>();
            String answer = handle(socket, message, opened);
            if (socket.isOpen()) {
                socket.send(answer);
                opened.forEach(Subscription::answered);
            } else { // a client gone meanwhile is told nothing, and what it opened is closed (onClose may be past)
                opened.forEach(TfchainRpcServer.this::forget);
            }
        }

        @Override
        public void onError(WebSocket socket, Exception e) {
            LOG.debug("tfchain RPC connection error", e);
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }

    /** Answers one request; the subscriptions it opens are added to {@code opened}, to be told once it was sent. */
    String handle(WebSocket socket, String message, List<Subscription> opened) {
        JsonNode request;
        try {
            request = json.readTree(message);
        } catch (JsonProcessingException e) {
            return error(null, new RpcError(-32700, "Parse error", null));
        }
        if (request == null || !request.isObject() || !request.path("method").isTextual()) {
            return error(null, new RpcError(-32600, "Invalid request", null));
        }
        JsonNode id = request.get("id");
        String method = request.get("method").asText();
        JsonNode params = request.path("params");
        if (!params.isArray()) {
            params = json.createArrayNode();
        }
        try {
            return result(id, subscribe(socket, method, params, opened));
        } catch (InvalidTransactionException e) {
            return error(id, new RpcError(e.kind().code(), e.kind().code() == 1010 ? "Invalid Transaction"
                    : e.kind().code() == 1013 ? "Transaction Already Imported" : "Verification Error", e.getMessage()));
        } catch (RpcError e) {
            return error(id, e);
        } catch (RuntimeException e) {
            LOG.warn("tfchain RPC {} failed", method, e);
            return error(id, new RpcError(-32603, "Internal error", String.valueOf(e.getMessage())));
        }
    }

    private JsonNode subscribe(WebSocket socket, String method, JsonNode params, List<Subscription> opened) {
        switch (method) {
            case "chain_subscribeNewHeads", "chain_subscribeAllHeads", "chain_subscribeFinalizedHeads",
                    "subscribe_newHead" -> {
                Subscription sub = add(socket, method, List.of(), opened);
                sub.notify(notification(method), () -> methods.header(chain.head()));
                return text(sub.id);
            }
            case "state_subscribeRuntimeVersion", "chain_subscribeRuntimeVersion" -> {
                Subscription sub = add(socket, method, List.of(), opened);
                sub.notify("state_runtimeVersion", methods.runtimeVersion());
                return text(sub.id);
            }
            case "state_subscribeStorage" -> {
                List<String> keys = new ArrayList<>();
                params.path(0).forEach(k -> keys.add(k.asText().toLowerCase(java.util.Locale.ROOT)));
                Subscription sub = add(socket, method, keys, opened);
                sub.notify("state_storage", () -> changes(chain.head(), keys, null));
                return text(sub.id);
            }
            case "author_submitAndWatchExtrinsic" -> {
                byte[] extrinsic = RpcMethods.bytes(params, 0);
                String hash = SignedExtrinsic.hashOf(extrinsic);
                Subscription sub = add(socket, method, List.of(hash), opened);
                sub.notify("author_extrinsicUpdate", text("ready"));
                // watched before the pool has it: a block made at once must find its watcher
                watched.putIfAbsent(hash, sub);
                try {
                    chain.submit(extrinsic);
                } catch (RuntimeException e) {
                    forget(sub); // its watch too, when it was the extrinsic's first
                    opened.remove(sub);
                    throw e;
                }
                return text(sub.id);
            }
            case "chain_unsubscribeNewHeads", "chain_unsubscribeAllHeads", "chain_unsubscribeFinalizedHeads",
                    "state_unsubscribeRuntimeVersion", "chain_unsubscribeRuntimeVersion", "state_unsubscribeStorage",
                    "author_unwatchExtrinsic", "unsubscribe_newHead" -> {
                Subscription removed = subscriptions.get(params.path(0).asText());
                boolean own = removed != null && removed.socket == socket;
                if (own) {
                    forget(removed);
                }
                return json.getNodeFactory().booleanNode(own);
            }
            default -> {
                return methods.call(method, params);
            }
        }
    }

    /** Ends a subscription: nothing more is sent for it, an extrinsic's included. */
    private void forget(Subscription sub) {
        subscriptions.remove(sub.id);
        watched.values().remove(sub);
        finalizing.remove(sub.id);
    }

    private Subscription add(WebSocket socket, String kind, List<String> keys, List<Subscription> opened) {
        Subscription sub = new Subscription(socket, Long.toString(ids.incrementAndGet()), kind, keys);
        subscriptions.put(sub.id, sub);
        opened.add(sub);
        return sub;
    }

    private static String notification(String method) {
        return switch (method) {
            case "chain_subscribeAllHeads" -> "chain_allHead";
            case "chain_subscribeFinalizedHeads" -> "chain_finalizedHead";
            default -> "chain_newHead";
        };
    }

    private JsonNode changes(Block block, List<String> keys, NavigableMap<String, String> previous) {
        NavigableMap<String, String> storage = chain.storage(java.util.Optional.of(block.hash()))
                .orElseGet(() -> chain.storage(java.util.Optional.empty()).orElseThrow());
        ObjectNode set = json.createObjectNode().put("block", block.hash());
        var changes = set.putArray("changes");
        for (String key : keys) {
            String k = key.startsWith("0x") ? key.substring(2) : key;
            String value = storage.get(k);
            if (previous != null && java.util.Objects.equals(previous.get(k), value)) {
                continue;
            }
            changes.addArray().add("0x" + k).add(value == null ? null : "0x" + value);
        }
        return set;
    }

    private void onBlock(Block block) {
        // blocks are final at once, but a node reports finality a while after inclusion: clients fetch the events
        // on inBlock, and a finalized status arriving meanwhile would cancel that (polkadot-js switches to it)
        long now = System.nanoTime();
        finalizing.forEach((id, finality) -> {
            if (now - finality.notBefore() < 0) {
                return;
            }
            Subscription s = subscriptions.remove(id);
            finalizing.remove(id);
            if (s != null) {
                s.notify("author_extrinsicUpdate", json.createObjectNode().put("finalized", finality.blockHash()));
            }
        });
        JsonNode header = methods.header(block);
        NavigableMap<String, String> previous = chain.block(block.parentHash())
                .flatMap(p -> chain.storage(java.util.Optional.of(p.hash()))).orElse(null);
        subscriptions.values().forEach(s -> {
            if (!s.socket.isOpen()) {
                return;
            }
            switch (s.kind) {
                case "chain_subscribeNewHeads", "chain_subscribeAllHeads", "chain_subscribeFinalizedHeads",
                        "subscribe_newHead" -> s.notify(notification(s.kind), header);
                case "state_subscribeStorage" -> {
                    JsonNode changes = changes(block, s.keys, previous);
                    if (!changes.path("changes").isEmpty()) {
                        s.notify("state_storage", changes);
                    }
                }
                default -> { }
            }
        });
        for (String extrinsic : block.extrinsics()) {
            String hash = SignedExtrinsic.hashOf(HexFormat.of().parseHex(extrinsic.substring(2)));
            Subscription s = watched.remove(hash);
            if (s != null && s.socket.isOpen()) {
                s.notify("author_extrinsicUpdate", json.createObjectNode().put("inBlock", block.hash()));
                finalizing.put(s.id, new Finality(block.hash(), System.nanoTime() + FINALITY_DELAY_NANOS));
            }
        }
    }

    private JsonNode text(String value) {
        return json.getNodeFactory().textNode(value);
    }

    private String result(JsonNode id, JsonNode result) {
        ObjectNode answer = json.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", id == null ? json.nullNode() : id);
        answer.set("result", result);
        return answer.toString();
    }

    private String error(JsonNode id, RpcError e) {
        ObjectNode answer = json.createObjectNode().put("jsonrpc", "2.0");
        answer.set("id", id == null ? json.nullNode() : id);
        ObjectNode error = answer.putObject("error").put("code", e.code).put("message", e.getMessage());
        if (e.data != null) {
            error.put("data", e.data);
        }
        return answer.toString();
    }

    /** Stops serving (the chain goes on). */
    @Override
    public void close() {
        writeDemands.close();
        chain.removeListener(listener);
        try {
            server.stop(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
