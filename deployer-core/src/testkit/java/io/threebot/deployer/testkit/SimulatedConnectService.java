package io.threebot.deployer.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.internal.crypto.NaCl;
import io.threebot.deployer.internal.store.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A ThreeFold Connect login service on a loopback port, for demos and tests: it knows users by their ed25519 keys
 * ({@code GET /api/users/<doubleName>}), and its login page approves every attempt as the user {@link #loginAs}
 * named, as the app on that user's phone would: it signs the attempt, seals the email for the app's key and sends
 * the browser back to the app's callback.
 */
public final class SimulatedConnectService implements AutoCloseable {
    private static final ObjectMapper JSON = Json.mapper();
    private final HttpServer server;
    private final Map<String, IdentityKeys> keys = new ConcurrentHashMap<>();
    private final Map<String, String> emails = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile String approving = "";

    private SimulatedConnectService(HttpServer server) {
        this.server = server;
    }

    /** Starts the service on a free loopback port. */
    public static SimulatedConnectService start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            SimulatedConnectService service = new SimulatedConnectService(server);
            server.createContext("/", service::handle);
            server.start();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's base URL, e.g. {@code http://127.0.0.1:41234}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Registers a user with a new key pair. */
    public SimulatedConnectService addUser(String doubleName, String email) {
        String name = doubleName.toLowerCase(Locale.ROOT);
        keys.put(name, IdentityKeys.generate(random));
        emails.put(name, email);
        return this;
    }

    /** The user whose phone approves the next logins. */
    public SimulatedConnectService loginAs(String doubleName) {
        this.approving = doubleName.toLowerCase(Locale.ROOT);
        return this;
    }

    /**
     * The callback's {@code signedAttempt} for a login of {@code doubleName} with {@code state}, its email sealed
     * for the app's curve25519 key (base64), exactly as the app sends it.
     */
    public String signedAttempt(String doubleName, String state, String appPublicKey) {
        String name = doubleName.toLowerCase(Locale.ROOT);
        IdentityKeys user = keys.get(name);
        if (user == null) {
            throw new IllegalArgumentException("no user " + doubleName);
        }
        ObjectNode email = JSON.createObjectNode();
        email.putObject("email").put("email", emails.get(name)).put("sei", "sei-" + name);
        byte[] boxed = NaCl.box(NaCl.curvePrivateKey(user.seed()), Base64.getDecoder().decode(appPublicKey),
                email.toString().getBytes(StandardCharsets.UTF_8));
        ObjectNode message = JSON.createObjectNode().put("doubleName", name).put("signedState", state);
        message.putObject("data")
                .put("nonce", Base64.getEncoder().encodeToString(Arrays.copyOf(boxed, NaCl.NONCE)))
                .put("ciphertext", Base64.getEncoder().encodeToString(Arrays.copyOfRange(boxed, NaCl.NONCE,
                        boxed.length)));
        byte[] body = message.toString().getBytes(StandardCharsets.UTF_8);
        byte[] signature = user.sign(body);
        byte[] signed = new byte[signature.length + body.length];
        System.arraycopy(signature, 0, signed, 0, signature.length);
        System.arraycopy(body, 0, signed, signature.length, body.length);
        return JSON.createObjectNode().put("doubleName", name)
                .put("signedAttempt", Base64.getEncoder().encodeToString(signed)).toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/api/users/")) {
                String name = URLDecoder.decode(path.substring("/api/users/".length()), StandardCharsets.UTF_8)
                        .toLowerCase(Locale.ROOT);
                IdentityKeys user = keys.get(name);
                if (user == null) {
                    send(exchange, 404, "{\"error\":\"no such user\"}");
                } else {
                    send(exchange, 200, JSON.createObjectNode().put("doublename", name).put("publicKey",
                            Base64.getEncoder().encodeToString(user.publicKey())).toString());
                }
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (!query.containsKey("state") || !query.containsKey("redirecturl") || !query.containsKey("publickey")) {
                send(exchange, 400, "{\"error\":\"a login needs state, redirecturl and publickey\"}");
                return;
            }
            String user = query.getOrDefault("as", approving).toLowerCase(Locale.ROOT);
            if (!user.matches("[a-z0-9][a-z0-9_-]{0,30}\\.3bot")) {
                askWhoLogsIn(exchange, exchange.getRequestURI().getRawQuery());
                return;
            }
            if (!keys.containsKey(user)) {
                addUser(user, user.replace(".3bot", "") + "@example.org");
            }
            String attempt = signedAttempt(user, query.get("state"), query.get("publickey"));
            String back = query.get("redirecturl");
            exchange.getResponseHeaders().set("Location", back + (back.contains("?") ? "&" : "?") + "signedAttempt="
                    + URLEncoder.encode(attempt, StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(302, -1);
        }
    }

    /** The page of the simulated phone app: which user logs in. */
    private static void askWhoLogsIn(HttpExchange exchange, String rawQuery) throws IOException {
        StringBuilder hidden = new StringBuilder();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && !pair.startsWith("as=")) {
                hidden.append("<input type=\"hidden\" name=\"").append(escape(pair.substring(0, eq)))
                        .append("\" value=\"").append(escape(URLDecoder.decode(pair.substring(eq + 1),
                                StandardCharsets.UTF_8))).append("\">");
            }
        }
        String page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Simulated ThreeFold "
                + "Connect</title></head><body><main><h1>Simulated ThreeFold Connect</h1><form method=\"get\" "
                + "action=\"/\">" + hidden + "<label for=\"as\">Log in as</label> <input id=\"as\" name=\"as\" "
                + "value=\"alice.3bot\" pattern=\"[a-z0-9][a-z0-9_-]*\\.3bot\" required> <button type=\"submit\">"
                + "Approve</button></form></main></body></html>";
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(pair.substring(0, eq),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
