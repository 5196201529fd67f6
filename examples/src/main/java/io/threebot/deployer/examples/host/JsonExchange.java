package io.threebot.deployer.examples.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.threebot.deployer.DeployerException;
import io.threebot.deployer.chat.BackNotAllowedException;
import io.threebot.deployer.chat.NotSessionOwnerException;
import io.threebot.deployer.chat.SessionBusyException;
import io.threebot.deployer.chat.SessionFinishedException;
import io.threebot.deployer.chat.UnknownSessionException;
import io.threebot.deployer.lifecycle.InvalidStateException;
import io.threebot.deployer.lifecycle.NotThreebotOwnerException;
import io.threebot.deployer.lifecycle.ThreebotNotFoundException;
import io.threebot.deployer.lifecycle.TooManyAttemptsException;
import io.threebot.deployer.lifecycle.WrongPasswordException;
import io.threebot.deployer.store.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** JSON in and out of one HTTP exchange, and the status each deployer error maps to. */
final class JsonExchange {
    private static final ObjectMapper JSON = Json.mapper();
    private static final int MAX_BODY = 256 * 1024;

    private JsonExchange() {
    }

    /** The request body as JSON; an empty object when there is none. */
    static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new IllegalArgumentException("the request is larger than " + MAX_BODY + " bytes");
        }
        if (bytes.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("the request is not JSON");
        }
    }

    /** A required text field of the body. */
    static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" is required");
        }
        return value.asText();
    }

    static void send(HttpExchange exchange, int status, Object body) throws IOException {
        sendRaw(exchange, status, JSON.writeValueAsString(body));
    }

    static void sendRaw(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Answers an error the way a client can act on: a status and {@code {"error": message}}. */
    static void fail(HttpExchange exchange, RuntimeException e) throws IOException {
        send(exchange, status(e).orElse(500), Map.of("error", status(e).isPresent() ? e.getMessage()
                : "the deployer failed; see its log"));
    }

    private static Optional<Integer> status(RuntimeException e) {
        if (e instanceof UnknownSessionException || e instanceof ThreebotNotFoundException) {
            return Optional.of(404);
        }
        if (e instanceof NotSessionOwnerException || e instanceof NotThreebotOwnerException
                || e instanceof WrongPasswordException) {
            return Optional.of(403);
        }
        if (e instanceof SessionFinishedException || e instanceof SessionBusyException
                || e instanceof BackNotAllowedException || e instanceof InvalidStateException) {
            return Optional.of(409);
        }
        if (e instanceof TooManyAttemptsException) {
            return Optional.of(429);
        }
        if (e instanceof IllegalArgumentException) {
            return Optional.of(400);
        }
        if (e instanceof DeployerException) {
            return Optional.of(502);
        }
        return Optional.empty();
    }
}
