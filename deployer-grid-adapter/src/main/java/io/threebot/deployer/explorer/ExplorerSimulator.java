package io.threebot.deployer.explorer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.threebot.deployer.grid.GridConflictException;
import io.threebot.deployer.grid.GridException;
import io.threebot.deployer.grid.GridNotFoundException;
import io.threebot.deployer.grid.GridPaymentRequiredException;
import io.threebot.deployer.grid.GridUnauthorizedException;
import io.threebot.deployer.grid.GridUnavailableException;
import io.threebot.deployer.internal.store.Json;
import io.threebot.deployer.model.PoolRequest;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.sim.SimulatedGrid;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An explorer over HTTP, serving the v1 endpoints the deployer uses from a {@link SimulatedGrid}. It checks what the
 * real explorer checks: the HTTP signature, the customer's signature on workloads and pool reservations, and the
 * delete signature over its own copy of a workload. Listings are paged with the {@code Pages} header.
 */
public final class ExplorerSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExplorerSimulator.class);
    private static final String ROOT = "/api/v1";

    private final SimulatedGrid grid;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "explorer-simulator");
        t.setDaemon(true);
        return t;
    });
    private final SignatureVerifier verifier;
    private final int pageSize;
    private final AtomicLong requests = new AtomicLong();

    private ExplorerSimulator(SimulatedGrid grid, int pageSize, int port) throws IOException {
        this.grid = grid;
        this.pageSize = pageSize;
        this.verifier = new SignatureVerifier(grid::getUser);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext(ROOT, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a simulator on a free loopback port. */
    public static ExplorerSimulator start(SimulatedGrid grid, int pageSize) throws IOException {
        return start(grid, pageSize, 0);
    }

    /** Starts a simulator on the given loopback port (0 for a free one). */
    public static ExplorerSimulator start(SimulatedGrid grid, int pageSize, int port) throws IOException {
        // workloads reach the grid as the explorer keeps them: secrets encrypted for nodes whose keys the
        // simulation does not hold, so its containers cannot read them
        grid.secretsSealedForNodes(true);
        return new ExplorerSimulator(grid, pageSize, port);
    }

    /** Serves more endpoints beside the explorer's on the same port (a simulated wallet, say). */
    public void route(String path, com.sun.net.httpserver.HttpHandler handler) {
        if (path.startsWith(ROOT)) {
            throw new IllegalArgumentException(ROOT + " is the explorer's");
        }
        server.createContext(path, handler);
    }

    /** The server's root, e.g. {@code http://127.0.0.1:41234}. */
    public URI rootUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The API root to give the explorer adapter, e.g. {@code http://127.0.0.1:41234/api/v1}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + ROOT);
    }

    /** How many requests it served. */
    public long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try {
            String path = exchange.getRequestURI().getPath().substring(ROOT.length());
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Optional<Long> signer = verifier.request(header(exchange, "Authorization"), header(exchange, "Date"),
                    header(exchange, "threebot-id"), grid.clock().instant());
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            route(exchange, method, path, query, signer, body);
        } catch (GridException | IllegalArgumentException e) {
            error(exchange, status(e), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("The explorer simulator failed on {}", exchange.getRequestURI().getPath(), e);
            error(exchange, 500, "internal error");
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange ex, String method, String path, Map<String, String> query,
                       Optional<Long> signer, byte[] body) throws IOException {
        String[] p = path.replaceAll("^/+|/+$", "").split("/");
        boolean get = method.equals("GET");
        if (get && path.equals("/prices")) {
            send(ex, 200, Json.mapper().createObjectNode().put("CuPriceDollarMonth", 10.0)
                    .put("SuPriceDollarMonth", 8.0).put("IP4uPriceDollarMonth", 6.0).put("TftPriceMill", 100));
        } else if (get && path.equals("/farms")) {
            page(ex, grid.listFarms(), DirectoryCodec::farm, query);
        } else if (get && p.length == 2 && p[0].equals("farms")) {
            one(ex, grid.getFarm(Long.parseLong(p[1])).map(DirectoryCodec::farm));
        } else if (get && path.equals("/nodes")) {
            page(ex, grid.listNodes(Long.parseLong(require(query, "farm"))), DirectoryCodec::node, query);
        } else if (get && p.length == 2 && p[0].equals("nodes")) {
            one(ex, grid.getNode(p[1]).map(DirectoryCodec::node));
        } else if (get && path.equals("/gateways")) {
            page(ex, grid.listGateways(), DirectoryCodec::gateway, query);
        } else if (get && p.length == 2 && p[0].equals("gateways")) {
            one(ex, grid.getGateway(p[1]).map(DirectoryCodec::gateway));
        } else if (get && path.equals("/users")) {
            page(ex, grid.findUser(require(query, "name")).stream().toList(), DirectoryCodec::user, query);
        } else if (method.equals("POST") && path.equals("/users")) {
            JsonNode user = json(body);
            send(ex, 201, DirectoryCodec.user(grid.registerUser(WireJson.text(user, "name"),
                    WireJson.text(user, "email"), WireJson.text(user, "pubkey"))));
        } else if (method.equals("POST") && path.equals("/reservations/pools")) {
            createPool(ex, signer, json(body));
        } else if (get && p.length == 4 && p[1].equals("pools") && p[2].equals("payment")) {
            one(ex, grid.getPoolPayment(Long.parseLong(p[3])).map(PoolCodec::payment));
        } else if (get && p.length == 4 && p[1].equals("pools") && p[2].equals("owner")) {
            ArrayNode all = Json.mapper().createArrayNode();
            grid.listPools(Long.parseLong(p[3])).forEach(pool -> all.add(PoolCodec.pool(pool)));
            send(ex, 200, all);
        } else if (get && p.length == 3 && p[1].equals("pools")) {
            one(ex, grid.getPool(Long.parseLong(p[2])).map(PoolCodec::pool));
        } else if (method.equals("POST") && path.equals("/reservations/workloads")) {
            createWorkload(ex, signer, json(body));
        } else if (get && path.equals("/reservations/workloads")) {
            page(ex, grid.listWorkloads(Long.parseLong(require(query, "customer_tid"))),
                    w -> WorkloadCodec.toWire(w, "", u -> u), query);
        } else if (get && p.length == 3 && p[1].equals("workloads")) {
            one(ex, grid.getWorkload(Long.parseLong(p[2])).map(w -> WorkloadCodec.toWire(w, "", u -> u)));
        } else if (method.equals("POST") && p.length == 5 && p[3].equals("sign") && p[4].equals("delete")) {
            signDelete(ex, signer, Long.parseLong(p[2]), json(body));
        } else {
            error(ex, 404, "no endpoint " + method + " " + path);
        }
    }

    private void createPool(HttpExchange ex, Optional<Long> signer, JsonNode body) throws IOException {
        long tid = WireJson.number(body, "customer_tid");
        requireSigner(signer, tid);
        String json = WireJson.text(body, "json");
        if (!json(json.getBytes(StandardCharsets.UTF_8)).equals(WireJson.field(body, "data_reservation"))) {
            throw new IllegalArgumentException("json does not match data_reservation");
        }
        if (!verifier.pool(tid, WireJson.text(body, "customer_signature"), json)) {
            throw new IllegalArgumentException("the customer signature of the pool does not verify");
        }
        PoolRequest request = PoolCodec.request(WireJson.field(body, "data_reservation"));
        send(ex, 201, PoolCodec.created(grid.reservePool(request, tid)));
    }

    private void createWorkload(HttpExchange ex, Optional<Long> signer, JsonNode body) throws IOException {
        Workload workload = WorkloadCodec.fromWire(body);
        requireSigner(signer, workload.customerTid());
        if (!verifier.workload(workload.customerTid(), WireJson.text(body, "customer_signature"),
                WorkloadChallenge.of(workload))) {
            throw new GridUnauthorizedException("the customer signature of the workload does not verify");
        }
        send(ex, 201, Json.mapper().createObjectNode().put("reservation_id",
                grid.deployWorkload(workload, workload.customerTid())));
    }

    private void signDelete(HttpExchange ex, Optional<Long> signer, long workloadId, JsonNode body)
            throws IOException {
        long tid = WireJson.number(body, "tid");
        requireSigner(signer, tid);
        Workload stored = grid.getWorkload(workloadId)
                .orElseThrow(() -> new GridNotFoundException("workload " + workloadId + " does not exist"));
        if (stored.customerTid() != tid) {
            throw new GridUnauthorizedException("tid " + tid + " may not delete workload " + workloadId);
        }
        if (!verifier.delete(tid, WireJson.text(body, "signature"), WorkloadChallenge.of(stored))) {
            throw new GridUnauthorizedException("the delete signature does not verify");
        }
        grid.decommission(workloadId, tid);
        send(ex, 201, Json.mapper().createObjectNode());
    }

    private static void requireSigner(Optional<Long> signer, long customer) {
        if (signer.isEmpty() || signer.get() != customer) {
            throw new GridUnauthorizedException("the request must be signed by customer " + customer);
        }
    }

    private <T> void page(HttpExchange ex, List<T> items, Function<T, JsonNode> encode, Map<String, String> query)
            throws IOException {
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        int pages = (items.size() + pageSize - 1) / pageSize;
        ArrayNode out = Json.mapper().createArrayNode();
        items.stream().skip((long) (page - 1) * pageSize).limit(pageSize).forEach(i -> out.add(encode.apply(i)));
        ex.getResponseHeaders().add("Pages", Integer.toString(pages));
        send(ex, 200, out);
    }

    private static void one(HttpExchange ex, Optional<? extends JsonNode> node) throws IOException {
        if (node.isPresent()) {
            send(ex, 200, node.get());
        } else {
            error(ex, 404, "not found");
        }
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        send(ex, status, Json.mapper().createObjectNode().put("error", message == null ? "" : message));
    }

    private static int status(Exception e) {
        if (e instanceof GridNotFoundException) {
            return 404;
        }
        if (e instanceof GridUnauthorizedException) {
            return 401;
        }
        if (e instanceof GridPaymentRequiredException) {
            return 402;
        }
        if (e instanceof GridConflictException) {
            return 409;
        }
        return e instanceof GridUnavailableException ? 503 : 400;
    }

    private static JsonNode json(byte[] body) {
        try {
            return Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON");
        } catch (IOException e) {
            throw new IllegalArgumentException("the body could not be read");
        }
    }

    private static Optional<String> header(HttpExchange ex, String name) {
        return Optional.ofNullable(ex.getRequestHeaders().getFirst(name));
    }

    private static String require(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the query parameter " + name + " is required");
        }
        return value;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return out;
    }
}
