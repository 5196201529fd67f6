package io.threebot.deployer.examples.v3grid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.tfgrid.testkit.WriteDemands;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

    private record Subscription(WebSocket socket, String kind, List<String> keys) {
    }

    private final LocalTfchain chain;
    private final ObjectMapper json = new ObjectMapper();
    private final RpcMethods methods;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Subscription> watched = new ConcurrentHashMap<>(); // extrinsic hash -> subscription
    private final Map<String, String> watchedIds = new ConcurrentHashMap<>(); // extrinsic hash -> subscription id
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
            subscriptions.values().removeIf(s -> s.socket() == socket);
            watched.values().removeIf(s -> s.socket() == socket);
        }

        @Override
        public void onMessage(WebSocket socket, String message) {
            socket.send(handle(socket, message));
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

    String handle(WebSocket socket, String message) {
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
            return result(id, subscribe(socket, method, params));
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

    private JsonNode subscribe(WebSocket socket, String method, JsonNode params) {
        switch (method) {
            case "chain_subscribeNewHeads", "chain_subscribeAllHeads", "chain_subscribeFinalizedHeads",
                    "subscribe_newHead" -> {
                String sub = add(socket, method, List.of());
                notify(socket, notification(method), sub, methods.header(chain.head()));
                return text(sub);
            }
            case "state_subscribeRuntimeVersion", "chain_subscribeRuntimeVersion" -> {
                String sub = add(socket, method, List.of());
                notify(socket, "state_runtimeVersion", sub, methods.runtimeVersion());
                return text(sub);
            }
            case "state_subscribeStorage" -> {
                List<String> keys = new java.util.ArrayList<>();
                params.path(0).forEach(k -> keys.add(k.asText().toLowerCase(java.util.Locale.ROOT)));
                String sub = add(socket, method, keys);
                notify(socket, "state_storage", sub, changes(chain.head(), keys, null));
                return text(sub);
            }
            case "author_submitAndWatchExtrinsic" -> {
                String hash = chain.submit(RpcMethods.bytes(params, 0));
                String sub = add(socket, method, List.of(hash));
                watched.put(hash, subscriptions.get(sub));
                watchedIds.put(hash, sub);
                notify(socket, "author_extrinsicUpdate", sub, text("ready"));
                return text(sub);
            }
            case "chain_unsubscribeNewHeads", "chain_unsubscribeAllHeads", "chain_unsubscribeFinalizedHeads",
                    "state_unsubscribeRuntimeVersion", "chain_unsubscribeRuntimeVersion", "state_unsubscribeStorage",
                    "author_unwatchExtrinsic", "unsubscribe_newHead" -> {
                Subscription removed = subscriptions.remove(params.path(0).asText());
                return json.getNodeFactory().booleanNode(removed != null && removed.socket() == socket);
            }
            default -> {
                return methods.call(method, params);
            }
        }
    }

    private String add(WebSocket socket, String kind, List<String> keys) {
        String sub = Long.toString(ids.incrementAndGet());
        subscriptions.put(sub, new Subscription(socket, kind, keys));
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
        finalizing.forEach((sub, finality) -> {
            if (now - finality.notBefore() < 0) {
                return;
            }
            Subscription s = subscriptions.remove(sub);
            finalizing.remove(sub);
            if (s != null && s.socket().isOpen()) {
                notify(s.socket(), "author_extrinsicUpdate", sub, json.createObjectNode().put("finalized",
                        finality.blockHash()));
            }
        });
        JsonNode header = methods.header(block);
        NavigableMap<String, String> previous = chain.block(block.parentHash())
                .flatMap(p -> chain.storage(java.util.Optional.of(p.hash()))).orElse(null);
        subscriptions.forEach((sub, s) -> {
            if (!s.socket().isOpen()) {
                return;
            }
            switch (s.kind()) {
                case "chain_subscribeNewHeads", "chain_subscribeAllHeads", "chain_subscribeFinalizedHeads",
                        "subscribe_newHead" -> notify(s.socket(), notification(s.kind()), sub, header);
                case "state_subscribeStorage" -> {
                    JsonNode changes = changes(block, s.keys(), previous);
                    if (!changes.path("changes").isEmpty()) {
                        notify(s.socket(), "state_storage", sub, changes);
                    }
                }
                default -> { }
            }
        });
        for (String extrinsic : block.extrinsics()) {
            String hash = "0x" + java.util.HexFormat.of().formatHex(io.threebot.deployer.tfgrid.chain.Hashing
                    .blake2b256(java.util.HexFormat.of().parseHex(extrinsic.substring(2))));
            Subscription s = watched.remove(hash);
            String sub = watchedIds.remove(hash);
            if (s != null && sub != null && s.socket().isOpen()) {
                notify(s.socket(), "author_extrinsicUpdate", sub, json.createObjectNode().put("inBlock",
                        block.hash()));
                finalizing.put(sub, new Finality(block.hash(), System.nanoTime() + FINALITY_DELAY_NANOS));
            }
        }
    }

    private void notify(WebSocket socket, String method, String sub, JsonNode result) {
        ObjectNode message = json.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        message.putObject("params").put("subscription", sub).set("result", result);
        if (socket.isOpen()) {
            socket.send(message.toString());
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
