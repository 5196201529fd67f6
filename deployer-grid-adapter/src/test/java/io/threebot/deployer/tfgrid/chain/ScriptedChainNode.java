package io.threebot.deployer.tfgrid.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import io.threebot.deployer.tfgrid.testkit.WriteDemands;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A scripted tfchain node for the client's tests: a JSON-RPC websocket server on loopback that serves the
 * tfchain-like runtime's metadata ({@link TfchainRuntime}), a runtime version, a genesis hash, nonces and
 * storage values the test puts in, and answers {@code author_submitAndWatchExtrinsic} with the status notifications
 * a test scripts (by default: ready, broadcast, inBlock, finalized), putting the extrinsic in a block whose
 * {@code System.Events} hold the events the test gives for it. Any method may be scripted instead to answer
 * something else, nothing, raw text, or to drop the connection. It records every request and every submitted
 * extrinsic.
 */
final class ScriptedChainNode implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HexFormat HEX = HexFormat.of();
    static final String GENESIS = "0x" + "ab".repeat(32);
    static final long BEST_BLOCK = 1000;
    /** In a scripted status, the hash of a new block for each submission: {@code blockHash(n)} for the n-th. */
    static final String NEXT_BLOCK = "$next";

    /** What the node does with a request: the JSON-RPC messages it sends back, or a connection drop. */
    interface Handler {
        /** Messages to send, in order; an empty list sends nothing. */
        List<String> answer(long id, JsonNode params, WebSocket connection);
    }

    /** A request as the node received it. */
    record Request(String method, JsonNode params) {
    }

    /** What happens to a submitted extrinsic: its statuses, and the events of its block for it. */
    record Script(List<Object> statuses, List<Object> events) {
    }

    private final RuntimeMetadata metadata = TfchainRuntime.standard().metadata();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Map<String, String> storage = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> blockStorage = new ConcurrentHashMap<>();
    private final Map<String, List<String>> blocks = new ConcurrentHashMap<>();
    private final Map<String, Long> nonces = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> submitted = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger outdatedRefusals =
            new java.util.concurrent.atomic.AtomicInteger();
    private volatile Runnable meanwhile = () -> { };
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Function<String, Script> script = hex -> success(List.of());
    private final Server server;
    private final WriteDemands writeDemands;

    ScriptedChainNode() throws InterruptedException {
        server = new Server();
        server.setReuseAddr(true);
        writeDemands = WriteDemands.watch(server, "scripted-chain-node");
        server.start();
        if (!server.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the scripted node did not start");
        }
    }

    String url() {
        return "ws://127.0.0.1:" + server.getPort();
    }

    RuntimeMetadata metadata() {
        return metadata;
    }

    // ---- scripting ----

    void handle(String method, Handler handler) {
        handlers.put(method, handler);
    }

    /** The method is received and never answered. */
    void silent(String method) {
        handle(method, (id, params, c) -> List.of());
    }

    /** The method is answered with this raw text. */
    void raw(String method, String text) {
        handle(method, (id, params, c) -> List.of(text));
    }

    /** The method is answered with this result. */
    void result(String method, Object result) {
        handle(method, (id, params, c) -> List.of(answer(id, result)));
    }

    /** The method is answered with a JSON-RPC error. */
    void error(String method, long code, String message, String data) {
        handle(method, (id, params, c) -> {
            ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id);
            answer.putObject("error").put("code", code).put("message", message).put("data", data);
            return List.of(answer.toString());
        });
    }

    /** The node drops the connection when it receives the method. */
    void dropOn(String method) {
        handle(method, (id, params, c) -> {
            c.closeConnection(1011, "scripted drop");
            return List.of();
        });
    }

    void script(Function<String, Script> script) {
        this.script = script;
    }

    void nonce(String address, long nonce) {
        nonces.put(address, nonce);
    }

    /**
     * Refuses the next submissions as a node does an extrinsic whose nonce was used meanwhile ({@code 1010},
     * "Transaction is outdated"), running {@code meanwhile} before each refusal (another signer's extrinsic counted,
     * say); refused ones are recorded in {@link #submitted()} too.
     */
    void refuseAsOutdated(int times, Runnable meanwhile) {
        outdatedRefusals.set(times);
        this.meanwhile = meanwhile;
    }

    /** A storage value, put under the key the metadata gives for the entry and keys. */
    void put(String pallet, String item, Object value, Object... keys) {
        RuntimeMetadata.StorageEntry entry = metadata.storage(pallet, item);
        putRaw(metadata.storageKey(pallet, item, keys), metadata.encode(entry.valueType(), value));
    }

    void putRaw(byte[] key, byte[] value) {
        storage.put("0x" + HEX.formatHex(key), "0x" + HEX.formatHex(value));
    }

    /** Drops every open connection. */
    void dropAll() {
        server.getConnections().forEach(c -> c.closeConnection(1011, "scripted drop"));
    }

    /** Records an extrinsic a scripted handler took. */
    void recordSubmitted(String hex) {
        submitted.add(hex);
    }

    // ---- what happened ----

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String method) {
        return requests.stream().filter(r -> r.method().equals(method)).toList();
    }

    List<String> submitted() {
        return List.copyOf(submitted);
    }

    int connections() {
        return connections.get();
    }

    // ---- building answers ----

    static String answer(long id, Object result) {
        ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id);
        answer.set("result", JSON.valueToTree(result));
        return answer.toString();
    }

    static String notification(String method, String subscription, Object result) {
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        ObjectNode params = message.putObject("params").put("subscription", subscription);
        params.set("result", JSON.valueToTree(result));
        return message.toString();
    }

    static String blockHash(int n) {
        return "0x" + String.format("%064x", 0xb10c0000L + n);
    }

    /** Statuses ready, broadcast, inBlock, finalized, and the given events followed by ExtrinsicSuccess. */
    static Script success(List<Object> events) {
        List<Object> all = new ArrayList<>(events);
        all.add(event("System", "ExtrinsicSuccess", dispatchInfo()));
        return new Script(List.of("ready", Map.of("broadcast", List.of("peer")), Map.of("inBlock", NEXT_BLOCK),
                Map.of("finalized", NEXT_BLOCK)), all);
    }

    /** The same statuses, and ExtrinsicFailed with this dispatch error. */
    static Script failure(EnumValue dispatchError) {
        Map<String, Object> failed = new java.util.LinkedHashMap<>();
        failed.put("dispatch_error", dispatchError);
        failed.put("dispatch_info", dispatchInfo());
        return new Script(success(List.of()).statuses(), List.of(event("System", "ExtrinsicFailed", failed)));
    }

    /** {@code DispatchError::Module} for a pallet's error, by the names the metadata gives. */
    static EnumValue moduleError(RuntimeMetadata metadata, String pallet, String error) {
        RuntimeMetadata.PalletItem item = metadata.error(pallet, error);
        return new EnumValue("Module", Map.of("index", (long) item.palletIndex(),
                "error", new byte[] {(byte) item.index(), 0, 0, 0}));
    }

    static EnumValue event(String pallet, String name, Object data) {
        return new EnumValue(pallet, new EnumValue(name, data));
    }

    static Map<String, Object> dispatchInfo() {
        return Map.of("weight", Map.of("ref_time", 1000L, "proof_size", 10L), "class", "Normal", "pays_fee", "Yes");
    }

    // ---- serving ----

    private List<String> serve(String method, long id, JsonNode params, WebSocket connection) {
        Handler handler = handlers.get(method);
        if (handler != null) {
            return handler.answer(id, params, connection);
        }
        return switch (method) {
            case "state_getMetadata" -> List.of(answer(id,
                    "0x" + HEX.formatHex(TfchainRuntime.standard().blob())));
            case "state_getRuntimeVersion" -> List.of(answer(id, Map.of("specName", "substrate-threefold",
                    "implName", "substrate-threefold", "specVersion", 148, "transactionVersion", 1,
                    "authoringVersion", 1, "implVersion", 0, "apis", List.of(), "stateVersion", 0)));
            case "system_chain" -> List.of(answer(id, "TFChain Scripted"));
            case "chain_getBlockHash" -> {
                long n = params.path(0).asLong(0);
                yield List.of(answer(id, n == 0 ? GENESIS : blockHash((int) n)));
            }
            case "chain_getHeader" -> List.of(answer(id, Map.of("parentHash", blockHash((int) BEST_BLOCK - 1),
                    "number", "0x" + Long.toHexString(BEST_BLOCK), "stateRoot", GENESIS, "extrinsicsRoot", GENESIS,
                    "digest", Map.of("logs", List.of()))));
            case "system_accountNextIndex" -> List.of(answer(id, nonces.getOrDefault(params.path(0).asText(), 0L)));
            case "state_getStorage" -> {
                String key = params.path(0).asText();
                String at = params.path(1).asText("");
                String value = blockStorage.getOrDefault(at, Map.of()).getOrDefault(key, storage.get(key));
                yield List.of(answer(id, value));
            }
            case "chain_getBlock" -> {
                List<String> extrinsics = blocks.get(params.path(0).asText());
                yield List.of(answer(id, extrinsics == null ? null : Map.of("block", Map.of("header",
                        Map.of("number", "0x1"), "extrinsics", extrinsics), "justifications", List.of())));
            }
            case "author_submitAndWatchExtrinsic" -> submit(id, params.path(0).asText());
            case "author_unwatchExtrinsic" -> List.of(answer(id, true));
            default -> {
                ObjectNode error = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id);
                error.putObject("error").put("code", -32601).put("message", "Method not found");
                yield List.of(error.toString());
            }
        };
    }

    private List<String> submit(long id, String hex) {
        submitted.add(hex);
        if (outdatedRefusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            meanwhile.run();
            ObjectNode refusal = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id);
            refusal.putObject("error").put("code", 1010).put("message", "Invalid Transaction")
                    .put("data", "Transaction is outdated");
            return List.of(refusal.toString());
        }
        Script outcome = script.apply(hex);
        int n = subscriptions.incrementAndGet();
        String subscription = "sub" + n;
        List<String> messages = new ArrayList<>();
        messages.add(answer(id, subscription));
        for (Object scripted : outcome.statuses()) {
            Object status = scripted instanceof Map<?, ?> map && map.size() == 1
                    && NEXT_BLOCK.equals(map.values().iterator().next())
                    ? Map.of(map.keySet().iterator().next(), blockHash(n)) : scripted;
            if (status instanceof Map<?, ?> map && map.size() == 1) {
                Object block = map.values().iterator().next();
                if (block instanceof String hash && hash.startsWith("0x") && !blocks.containsKey(hash)) {
                    include(hash, hex, outcome.events());
                }
            }
            messages.add(notification("author_extrinsicUpdate", subscription, status));
        }
        return messages;
    }

    /** A block with a timestamp-like extrinsic at 0 and the submitted one at 1, and the events of both. */
    private void include(String blockHash, String hex, List<Object> events) {
        blocks.put(blockHash, List.of("0x280402000b" + "00".repeat(6), hex));
        List<Object> records = new ArrayList<>();
        records.add(record(0, event("System", "ExtrinsicSuccess", dispatchInfo())));
        for (Object event : events) {
            records.add(record(1, event));
        }
        records.add(Map.of("phase", EnumValue.of("Finalization"), "event", event("System", "CodeUpdated", null),
                "topics", List.of()));
        RuntimeMetadata.StorageEntry entry = metadata.storage("System", "Events");
        blockStorage.computeIfAbsent(blockHash, h -> new ConcurrentHashMap<>()).put(
                "0x" + HEX.formatHex(metadata.storageKey("System", "Events")),
                "0x" + HEX.formatHex(metadata.encode(entry.valueType(), records)));
    }

    private static Map<String, Object> record(int index, Object event) {
        return Map.of("phase", new EnumValue("ApplyExtrinsic", (long) index), "event", event, "topics", List.of());
    }

    @Override
    public void close() throws InterruptedException {
        writeDemands.close();
        server.stop(2000);
    }

    private final class Server extends WebSocketServer {
        private final CountDownLatch started = new CountDownLatch(1);

        Server() {
            super(new InetSocketAddress("127.0.0.1", 0));
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            connections.incrementAndGet();
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            try {
                JsonNode request = JSON.readTree(message);
                String method = request.path("method").asText();
                requests.add(new Request(method, request.path("params")));
                for (String answer : serve(method, request.path("id").asLong(), request.path("params"), conn)) {
                    if (conn.isOpen()) {
                        conn.send(answer);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }

    /** JSON array helper for params. */
    static ArrayNode array(Object... items) {
        ArrayNode array = JSON.createArrayNode();
        for (Object item : items) {
            array.add(JSON.valueToTree(item));
        }
        return array;
    }
}
