package io.threebot.deployer.examples.v3grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the discovery servers' tests: answers as status, headers and JSON. */
final class HttpGet {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An answer.
     *
     * @param status the HTTP status
     * @param count  the {@code count} header, or null
     * @param body   the body as JSON
     */
    record Answer(int status, String count, JsonNode body) {
    }

    private HttpGet() {
    }

    static Answer get(URI base, String pathAndQuery) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET());
    }

    static Answer post(URI url, String json) throws Exception {
        return send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("count").orElse(null),
                JSON.readTree(response.body()));
    }
}
