package io.threebot.deployer.acme;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server answering HTTP-01 challenges, and nothing else: {@code GET
 * /.well-known/acme-challenge/<token>} gets the published answer, every other request 404. The CA reaches it on
 * port 80 of the domain, so bind it there (or forward port 80 to it).
 */
public final class Http01Responder implements ChallengeResponder, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Http01Responder.class);
    private static final String PREFIX = "/.well-known/acme-challenge/";

    private final HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();

    private Http01Responder(HttpServer server) {
        this.server = server;
    }

    /** Answers on every address of this machine at {@code port}. */
    public static Http01Responder start(int port) {
        return start(new InetSocketAddress(port));
    }

    /** Answers on the given address. */
    public static Http01Responder start(InetSocketAddress address) {
        try {
            HttpServer server = HttpServer.create(address, 64);
            Http01Responder responder = new Http01Responder(server);
            server.createContext("/", responder::handle);
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "acme-http01");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return responder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot answer ACME challenges on " + address + ": " + e.getMessage(), e);
        }
    }

    /** The port it answers on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void publish(String token, String content) {
        answers.put(token, content);
    }

    @Override
    public void remove(String token) {
        answers.remove(token);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String answer = path.startsWith(PREFIX) && "GET".equals(exchange.getRequestMethod())
                    ? answers.get(path.substring(PREFIX.length())) : null;
            if (answer == null) {
                LOG.debug("No challenge answer for {}", path);
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = answer.getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
