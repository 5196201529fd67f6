package io.threebot.deployer.examples.v3grid;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The loopback HTTP plumbing the local grid's discovery servers share: a server, bounded bodies, JSON answers. */
final class JsonHttp {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module());

    private JsonHttp() {
    }

    /** A loopback server (port 0 for a free one) on a small pool of daemon threads named after it. */
    static HttpServer server(int port, String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(pool);
        return server;
    }

    /** Stops a server made by {@link #server} and its threads. */
    static void stop(HttpServer server) {
        server.stop(0);
        if (server.getExecutor() instanceof ExecutorService pool) {
            pool.shutdownNow();
        }
    }

    /** The request body, or empty when it is larger than {@code max} bytes. */
    static Optional<byte[]> body(HttpExchange exchange, int max) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(max + 1);
            return body.length > max ? Optional.empty() : Optional.of(body);
        }
    }

    /** Answers a value as JSON with the given status and extra headers. */
    static void answer(HttpExchange exchange, int status, Object value, Map<String, String> headers)
            throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(value);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        exchange.getResponseHeaders().set("Access-Control-Expose-Headers", "count");
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Answers {@code {"error": message}}. */
    static void error(HttpExchange exchange, int status, String message) throws IOException {
        answer(exchange, status, Map.of("error", message), Map.of());
    }
}
