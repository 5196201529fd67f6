package io.threebot.deployer.examples.host;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.threebot.deployer.billing.Tft;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.wire.WireJson;
import io.threebot.deployer.lifecycle.PaidOperationFailedException;
import io.threebot.deployer.spi.StoreBusyException;
import io.threebot.deployer.spi.StoreUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON in and out of one HTTP exchange, and the status each deployer error maps to. Fields are read strictly: a
 * value of the wrong JSON type or out of range is refused with a 400 naming the field, never guessed at.
 */
final class JsonExchange {
    private static final Logger LOG = LoggerFactory.getLogger(JsonExchange.class);
    private static final ObjectMapper JSON = WireJson.mapper();
    private static final int MAX_BODY = 256 * 1024;
    private static final SecureRandom REFERENCES = new SecureRandom();
    /** The one media type a request body may have. */
    static final String JSON_TYPE = "application/json";
    /** The error of a 415: a body of another media type, or of none. */
    static final String SEND_JSON = "send JSON with Content-Type: " + JSON_TYPE;

    private JsonExchange() {
    }

    /**
     * Whether the request may be read as JSON, decided from its headers alone, before any of the body is read:
     * its {@code Content-Type} is {@code application/json} (in any case, with any parameters such as
     * {@code ; charset=utf-8}), or it names no content type and has no body ({@code Content-Length} absent or 0,
     * no {@code Transfer-Encoding}). A request naming any other type, several types, or sending a body without a
     * type is not: {@link JsonRoutes} answers it 415 with {@link #SEND_JSON}.
     */
    static boolean isJsonOrEmpty(HttpExchange exchange) {
        Headers headers = exchange.getRequestHeaders();
        List<String> types = headers.get("Content-Type");
        if (types == null || types.isEmpty()) {
            return !hasBody(headers);
        }
        return types.size() == 1 && isJson(types.get(0));
    }

    /** Whether a {@code Content-Type} value names {@code application/json}, parameters aside. */
    static boolean isJson(String contentType) {
        int parameters = contentType.indexOf(';');
        String type = parameters < 0 ? contentType : contentType.substring(0, parameters);
        return type.strip().equalsIgnoreCase(JSON_TYPE);
    }

    /** Whether the headers announce a body: a chunked one, or a {@code Content-Length} other than 0. */
    private static boolean hasBody(Headers headers) {
        if (headers.containsKey("Transfer-Encoding")) {
            return true;
        }
        List<String> lengths = headers.get("Content-Length");
        if (lengths == null || lengths.isEmpty()) {
            return false;
        }
        return !lengths.stream().allMatch(length -> length.strip().equals("0"));
    }

    /**
     * The request body as a JSON object; an empty object when there is none. {@link JsonRoutes} has checked its
     * media type ({@link #isJsonOrEmpty}) before a route reads it.
     *
     * @throws IllegalArgumentException (a 400) when the body is too large, not JSON, or JSON but not an object
     */
    static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new IllegalArgumentException("the request is larger than " + MAX_BODY + " bytes");
        }
        if (bytes.length == 0) {
            return JSON.createObjectNode();
        }
        JsonNode body;
        try {
            body = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("the request is not JSON");
        }
        if (body.isMissingNode()) {
            return JSON.createObjectNode();
        }
        if (!body.isObject()) {
            throw new IllegalArgumentException("the request must be a JSON object, not " + kind(body));
        }
        return body;
    }

    /** A required text field of the body. */
    static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new InvalidInputException(field, "\"" + field + "\" is required");
        }
        return value.asText();
    }

    /** An optional text field of the body: empty when absent or null; any other JSON type is a 400. */
    static Optional<String> optionalText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(field, "\"" + field + "\" must be a string, not " + kind(value));
        }
        return Optional.of(value.asText());
    }

    /**
     * A required whole-number field of the body, in {@code [min, max]}. Only a JSON integer is taken: a string
     * ({@code "14"}), a fraction or float ({@code 14.5}, {@code 14.0}, {@code 1e9}), a boolean, null, an array or
     * an object is refused, as is an integer out of range however large.
     *
     * @throws IllegalArgumentException (a 400) naming the field and the range, when the field is absent or invalid
     */
    static int intField(JsonNode body, String field, int min, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidInputException(field, "\"" + field + "\" is required: " + wholeNumber(min, max));
        }
        return integral(value, field, min, max);
    }

    /**
     * An optional whole-number field of the body: empty when absent or JSON null, otherwise read as
     * {@link #intField} reads it.
     *
     * @throws IllegalArgumentException (a 400) naming the field and the range, when the field is present but invalid
     */
    static OptionalInt optionalIntField(JsonNode body, String field, int min, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(integral(value, field, min, max));
    }

    /** The node's value when it is a JSON integer in range; Jackson's node type decides, never its text. */
    private static int integral(JsonNode value, String field, int min, int max) {
        // canConvertToInt is false for a long or BigInteger beyond int, so no value overflows before the compare
        if (!value.isIntegralNumber() || !value.canConvertToInt()
                || value.intValue() < min || value.intValue() > max) {
            throw new InvalidInputException(field, "\"" + field + "\" must be " + wholeNumber(min, max));
        }
        return value.intValue();
    }

    private static String wholeNumber(int min, int max) {
        return "a whole number from " + min + " to " + max;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** The request's query parameter {@code name}, decoded; empty when absent or empty. */
    static Optional<String> query(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name) && kv.length == 2 && !kv[1].isEmpty()) {
                return Optional.of(URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
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

    /**
     * Answers an error. A client error (4xx) gets {@code {"error": message}}, the message written for the user. A
     * server error (the 502 of a failing grid or payment service, the 500 of anything unmapped) never shows the
     * exception's text, which can hold balances, keys or paths: it gets a generic message and a random
     * {@code reference} under which the exception is logged, so an operator can find it. The deployer's own
     * database being unreachable, whatever the error wrapping it, is neither: a 503 with {@code Retry-After}
     * ({@link #unavailable}).
     */
    static void fail(HttpExchange exchange, RuntimeException e) throws IOException {
        Optional<StoreUnavailableException> outage = StoreUnavailableException.findIn(e);
        if (outage.isPresent()) {
            unavailable(exchange, e, outage.get());
            return;
        }
        int status = status(e);
        if (status < 500) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", Objects.requireNonNullElse(e.getMessage(), "refused"));
            if (e instanceof DeployerException deployer) {
                deployer.field().ifPresent(field -> body.put("field", field));
                deployer.retryAfter().ifPresent(wait -> exchange.getResponseHeaders().set("Retry-After",
                        Long.toString(Math.max(1, wait.toSeconds()))));
            }
            send(exchange, status, body);
            return;
        }
        String reference = reference();
        LOG.error("{} {} failed with {} (reference {})", exchange.getRequestMethod(), exchange.getRequestURI(),
                status, reference, e);
        String message = status == 502 ? "the grid or a payment service failed; try again later"
                : "the deployer failed";
        Map<String, Object> body = new LinkedHashMap<>(Map.of("error", message, "reference", reference));
        if (e instanceof PaidOperationFailedException paid) {
            body.put("refunded", Tft.format(paid.refundedStroops()));
        }
        send(exchange, status, body);
    }

    /**
     * Answers a request that met a store outage: 503, {@code Retry-After} in seconds, and a message that says the
     * deployer's database is unavailable (not that the grid or a payment failed), or that the deployer is busy when
     * every connection of its pool is in use ({@link StoreBusyException}), with a {@code reference} to the log line. Whatever the request started waits for the store and is taken up again; it is not undone.
     */
    private static void unavailable(HttpExchange exchange, RuntimeException e, StoreUnavailableException outage)
            throws IOException {
        long seconds = Math.max(1, outage.retryAfter().orElse(StoreUnavailableException.RETRY_AFTER).toSeconds());
        String reference = reference();
        boolean busy = outage instanceof StoreBusyException;
        LOG.warn("{} {} answered 503: {} (reference {}): {}", exchange.getRequestMethod(), exchange.getRequestURI(),
                busy ? "every connection of the store's pool is in use" : "the store cannot be reached", reference,
                e.toString());
        exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
        String wait = "try again in " + seconds + (seconds == 1 ? " second" : " seconds");
        send(exchange, 503, Map.of("error", busy ? "the deployer is busy; " + wait
                : "the deployer's database is unavailable; " + wait, "reference", reference));
    }

    /** A random 12-hex-digit id tying a server error's answer to its log line. */
    static String reference() {
        byte[] bytes = new byte[6];
        REFERENCES.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The status of a failure: a deployer error's reason says it; a malformed request is a 400. */
    private static int status(RuntimeException e) {
        if (e instanceof DeployerException deployer) {
            return deployer.reason().httpStatus();
        }
        return e instanceof IllegalArgumentException ? 400 : 500;
    }
}
