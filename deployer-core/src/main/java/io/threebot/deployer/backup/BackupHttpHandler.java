package io.threebot.deployer.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.threebot.deployer.internal.store.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backup service over HTTP, as 3Bots call it, for a host's JDK {@code HttpServer} (mount it without a login):
 * <ul>
 *   <li>{@code POST <context>/public_key} answers the deployer's public key as a JSON string;</li>
 *   <li>{@code POST <context>/init} with {@code {"threebot_name":..,"passwd":..,"new":true,"token":..}} answers the
 *       backup servers' addresses as a JSON array.</li>
 * </ul>
 * Errors answer {@code {"error": message}} with 400 (bad request, wrong password), 403 (token), 404 (unknown
 * identity), 405 (not POST) or 500 (anything else, with a reference to the log and no internals).
 *
 * <pre>{@code
 * server.createContext("/threebot_deployer/actors/backup", new BackupHttpHandler(deployer.backups()));
 * }</pre>
 */
public final class BackupHttpHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(BackupHttpHandler.class);
    private static final int MAX_BODY = 64 * 1024;
    private static final ObjectMapper JSON = Json.mapper();

    private final Backups service;

    public BackupHttpHandler(Backups service) {
        this.service = service;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                send(exchange, 405, Map.of("error", "use POST"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = path.substring(path.lastIndexOf('/') + 1);
            try {
                switch (method) {
                    case "public_key" -> send(exchange, 200, service.publicKey());
                    case "init" -> send(exchange, 200, service.init(request(exchange.getRequestBody())));
                    default -> send(exchange, 404, Map.of("error", "no backup method '" + method + "'"));
                }
            } catch (BackupException e) {
                send(exchange, e.reason().httpStatus(), Map.of("error", e.getMessage()));
            } catch (RuntimeException e) {
                String reference = UUID.randomUUID().toString().substring(0, 8);
                LOG.error("Backup request {} failed (reference {})", method, reference, e);
                send(exchange, 500, Map.of("error", "the backup servers could not be reached; reference "
                        + reference));
            }
        }
    }

    private static BackupInitRequest request(InputStream body) {
        JsonNode json;
        try {
            byte[] bytes = body.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new InvalidBackupRequestException("the request is larger than " + MAX_BODY + " bytes");
            }
            json = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new InvalidBackupRequestException("the request is not JSON");
        }
        if (json == null || !json.path("threebot_name").isTextual() || !json.path("passwd").isTextual()) {
            throw new InvalidBackupRequestException("threebot_name and passwd are required strings");
        }
        Optional<String> token = json.path("token").isTextual() ? Optional.of(json.get("token").asText())
                : Optional.empty();
        return new BackupInitRequest(json.get("threebot_name").asText(), json.get("passwd").asText(),
                json.path("new").asBoolean(true), token.filter(t -> !t.isEmpty()));
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
