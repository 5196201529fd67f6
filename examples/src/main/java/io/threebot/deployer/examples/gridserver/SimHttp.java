package io.threebot.deployer.examples.gridserver;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threebot.deployer.wire.WireJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** JSON over HTTP to a grid server's {@code /sim/} endpoints; each caller says what a failure becomes. */
final class SimHttp {
    private static final ObjectMapper JSON = WireJson.mapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI root;

    SimHttp(URI root) {
        this.root = root;
    }

    /** A GET; empty on 404. */
    <T> Optional<T> get(String path, Map<String, String> query, TypeReference<T> type,
                        Function<String, RuntimeException> failure) {
        String q = query.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(root.resolve(SimulationEndpoints.ROOT + path + (q.isEmpty() ? "" : "?" + q)))
                .timeout(Duration.ofSeconds(10)).GET().build(), type, failure);
    }

    /** A POST of {@code body} as JSON. */
    <T> T post(String path, Object body, TypeReference<T> type, Function<String, RuntimeException> failure) {
        try {
            HttpRequest request = HttpRequest.newBuilder(root.resolve(SimulationEndpoints.ROOT + path))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
            return send(request, type, failure).orElseThrow(() -> failure.apply(path + " found nothing"));
        } catch (IOException e) {
            throw failure.apply(e.getMessage());
        }
    }

    private <T> Optional<T> send(HttpRequest request, TypeReference<T> type,
                                 Function<String, RuntimeException> failure) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                JsonNode error = JSON.readTree(response.body());
                throw failure.apply(error.path("error").asText("status " + response.statusCode()));
            }
            return Optional.of(JSON.readValue(response.body(), type));
        } catch (IOException e) {
            throw failure.apply("the grid server did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure.apply("interrupted");
        }
    }
}
