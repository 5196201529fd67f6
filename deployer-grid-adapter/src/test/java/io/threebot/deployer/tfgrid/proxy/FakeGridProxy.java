package io.threebot.deployer.tfgrid.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A gridproxy double on a loopback port (the JDK's HttpServer): it records every request's path and raw query, and
 * answers each path with the replies scripted for it, in turn (the last one repeats). Unknown paths get the proxy's
 * 404 shape.
 */
final class FakeGridProxy implements AutoCloseable {
    /** One request as it arrived. */
    record Seen(String path, String rawQuery) {
        /** The query's parameters, decoded, by name. */
        Map<String, String> parameters() {
            return decode(rawQuery);
        }
    }

    /** How to answer one request. */
    @FunctionalInterface
    interface Reply {
        void send(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Reply>> replies = new ConcurrentHashMap<>();

    FakeGridProxy() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Scripts the answers to a path, in turn; the last one repeats. */
    FakeGridProxy on(String path, Reply... inTurn) {
        replies.put(path, new ArrayDeque<>(List.of(inTurn)));
        return this;
    }

    List<Seen> requests() {
        return List.copyOf(seen);
    }

    /** The one request made, or a failure. */
    Seen onlyRequest() {
        if (seen.size() != 1) {
            throw new AssertionError("expected one request, got " + seen);
        }
        return seen.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            seen.add(new Seen(uri.getRawPath(), uri.getRawQuery() == null ? "" : uri.getRawQuery()));
            Deque<Reply> queue = replies.get(uri.getRawPath());
            Reply reply;
            if (queue == null) {
                reply = json(404, "{\"error\":\"not found\"}");
            } else {
                synchronized (queue) {
                    reply = queue.size() > 1 ? queue.poll() : queue.peek();
                }
            }
            reply.send(exchange);
        } catch (IOException e) {
            // the client went away (a deadline or a capped body): nothing to answer
        }
    }

    /** A JSON answer with a length; headers as name, value pairs. */
    static Reply json(int status, String body, String... headers) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            for (int i = 0; i < headers.length; i += 2) {
                exchange.getResponseHeaders().set(headers[i], headers[i + 1]);
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    /** A 200 JSON answer. */
    static Reply ok(String body, String... headers) {
        return json(200, body, headers);
    }

    /** Waits before answering. */
    static Reply after(Duration delay, Reply then) {
        return exchange -> {
            sleep(delay);
            then.send(exchange);
        };
    }

    /** A chunked 200 answer (no length) of {@code bytes} bytes of a JSON array, sent as fast as it goes. */
    static Reply endless(long bytes) {
        return exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = "[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]"
                        .getBytes(StandardCharsets.US_ASCII);
                for (long sent = 0; sent < bytes; sent += chunk.length) {
                    out.write(chunk);
                }
            }
        };
    }

    /** A chunked 200 answer that sends one byte of {@code body} every {@code pause}. */
    static Reply trickle(String body, Duration pause) {
        return exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (byte b : body.getBytes(StandardCharsets.UTF_8)) {
                    out.write(b);
                    out.flush();
                    sleep(pause);
                }
            }
        };
    }

    static Map<String, String> decode(String rawQuery) {
        Map<String, String> out = new TreeMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (out.put(name, value) != null) {
                throw new AssertionError("parameter " + name + " sent twice in " + rawQuery);
            }
        }
        return out;
    }

    private static void sleep(Duration delay) throws IOException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
