package io.threebot.deployer.examples.v3grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.tfgrid.keys.Ss58;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The activation service of the local chain, over HTTP as the real one answers: {@code POST /activation/activate}
 * with {@code {"substrateAccountID": "<ss58>"}} deposits the configured amount (1 TFT by default) into a new
 * account and answers once the block holding it is made; an account that holds TFT already is refused (409).
 * {@code GET /api/v1/status?client_id=<ss58>} answers as the KYC verifier does: {@code VERIFIED} for an account the
 * chain knows (the local grid verifies every activated account), 404 for any other. Also {@code GET /state}: the
 * chain's state as JSON, for tests.
 */
public final class ActivationServer implements AutoCloseable {
    private static final int MAX_BODY = 64 * 1024;
    private final LocalTfchain chain;
    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper().registerModule(new Jdk8Module());

    private ActivationServer(LocalTfchain chain, HttpServer server) {
        this.chain = chain;
        this.server = server;
    }

    /** Serves on a loopback port (0 for a free one). */
    public static ActivationServer start(LocalTfchain chain, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        ActivationServer activation = new ActivationServer(chain, server);
        server.createContext("/activation/activate", activation::activate);
        server.createContext("/state", activation::state);
        server.createContext("/api/v1/status", activation::kycStatus);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "local-tfchain-activation");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return activation;
    }

    /** The base URL, {@code http://127.0.0.1:PORT}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void activate(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                answer(exchange, 405, Map.of("error", "POST only"));
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                answer(exchange, 413, Map.of("error", "the request is too large"));
                return;
            }
            String address;
            try {
                JsonNode request = json.readTree(body);
                address = request == null ? "" : request.path("substrateAccountID").asText("");
            } catch (IOException e) {
                answer(exchange, 400, Map.of("error", "the body is not JSON"));
                return;
            }
            if (!Ss58.isValid(address)) {
                answer(exchange, 400, Map.of("error", "substrateAccountID is not an SS58 address"));
                return;
            }
            if (chain.balance(address).free().signum() > 0) {
                answer(exchange, 409, Map.of("error", "account already activated"));
                return;
            }
            try {
                Block block = chain.fund(address, chain.config().activationAmount()).get(10, TimeUnit.SECONDS);
                answer(exchange, 200, Map.of("message", "account activated", "block", block.hash()));
            } catch (TimeoutException | ExecutionException e) {
                answer(exchange, 503, Map.of("error", "the deposit was not included in time"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer(exchange, 503, Map.of("error", "interrupted"));
            }
        }
    }

    private void kycStatus(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                answer(exchange, 405, Map.of("error", "GET only"));
                return;
            }
            String address;
            try {
                address = QueryParams.parse(exchange.getRequestURI().getRawQuery()).text("client_id").orElse("");
            } catch (InvalidInputException e) {
                answer(exchange, 400, Map.of("error", e.getMessage()));
                return;
            }
            if (!Ss58.isValid(address)) {
                answer(exchange, 400, Map.of("error", "client_id is not an SS58 address"));
                return;
            }
            if (chain.balance(address).free().signum() <= 0 && chain.twinOf(address).isEmpty()) {
                answer(exchange, 404, Map.of("error", "no verification for this client"));
                return;
            }
            byte[] bytes = json.writeValueAsBytes(Map.of("result", Map.of("status", "VERIFIED", "final", true)));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private void state(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] dump = json.writeValueAsBytes(Map.of("head", chain.head().number(), "hash", chain.head().hash(),
                    "state", chain.snapshot()));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, dump.length);
            exchange.getResponseBody().write(dump);
        }
    }

    private void answer(HttpExchange exchange, int status, Map<String, String> body) throws IOException {
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
