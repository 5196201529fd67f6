package io.threebot.deployer.examples.v3grid;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The local grid's gateways seen from outside its process: an HTTP server on a loopback port that answers a request
 * for a gateway name as the gateway would, 200 when the name leads to a running VM ({@link LocalV3Grid#resolve}),
 * 404 when it does not. The name is the request's {@code Host} (as a browser sends it to a gateway), or the path's
 * first segments {@code /names/<fqdn>/...} (for clients that cannot set {@code Host}). A 200 answer's JSON body says
 * where the name leads: {@code {"fqdn", "gatewayNode", "contract", "node", "ip"}}.
 */
final class LocalGateway implements AutoCloseable {
    /** A DNS name: labels of letters, digits and hyphens, at most 253 characters. */
    private static final Pattern NAME = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*"
            + "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    private LocalGateway(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Serves the names {@code resolve} follows on a loopback port (0 for a free one). */
    static LocalGateway start(Function<String, Optional<LocalV3Grid.NameRoute>> resolve, int port)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "local-v3-gateway");
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", exchange -> answer(exchange, resolve));
        server.setExecutor(executor);
        server.start();
        return new LocalGateway(server, executor);
    }

    /** The base URL, {@code http://127.0.0.1:PORT}. */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange, Function<String, Optional<LocalV3Grid.NameRoute>> resolve)
            throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                send(exchange, 405, Map.of("error", "GET only"));
                return;
            }
            Optional<String> name = name(exchange);
            if (name.isEmpty()) {
                send(exchange, 400, Map.of("error", "no gateway name: send Host: <fqdn> or GET /names/<fqdn>/"));
                return;
            }
            Optional<LocalV3Grid.NameRoute> route = resolve.apply(name.get());
            Optional<LocalV3Grid.Machine> machine = route.flatMap(LocalV3Grid.NameRoute::machine);
            if (machine.isEmpty()) {
                send(exchange, 404, Map.of("error", route.isEmpty() ? "no gateway serves " + name.get()
                        : name.get() + " leads to no running machine"));
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("fqdn", name.get());
            body.put("gatewayNode", route.get().gatewayNodeId());
            body.put("contract", route.get().contractId());
            body.put("node", machine.get().nodeId());
            body.put("ip", machine.get().ip());
            send(exchange, 200, body);
        }
    }

    /** The gateway name asked for: the path's {@code /names/<fqdn>}, else the Host header's name. */
    private static Optional<String> name(HttpExchange exchange) {
        String path = exchange.getRequestURI().getRawPath();
        String candidate;
        if (path.startsWith("/names/")) {
            int end = path.indexOf('/', "/names/".length());
            candidate = path.substring("/names/".length(), end < 0 ? path.length() : end);
        } else {
            String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host")).orElse("");
            candidate = host.startsWith("[") ? "" : host.replaceFirst(":\\d{1,5}$", "");
        }
        candidate = candidate.toLowerCase(Locale.ROOT);
        return NAME.matcher(candidate).matches() && !candidate.matches("[0-9.]+") && !candidate.equals("localhost")
                ? Optional.of(candidate) : Optional.empty();
    }

    private static void send(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
