package io.threebot.deployer.examples.processes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threebot.deployer.examples.host.BrowserSession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The host app over HTTP, as a web page uses it: each user logs in once through the host's (simulated)
 * ThreeFold Connect service and accepts the terms, and every request carries the session cookie and CSRF token.
 */
final class HostClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a request waits for its answer unless told otherwise. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(40);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI root;
    private final BrowserSession browser;

    HostClient(int port) {
        this.root = URI.create("http://127.0.0.1:" + port);
        this.browser = new BrowserSession(root, true);
    }

    /** The reply: its status, JSON body and {@code Retry-After} header (empty without one). */
    record Reply(int status, JsonNode body, String retryAfter) {
        Reply(int status, JsonNode body) {
            this(status, body, "");
        }

        String session() {
            return body.path("session").asText();
        }

        String category() {
            return body.path("payload").path("category").asText();
        }

        String key() {
            return body.path("payload").path("kwargs").path("key").asText();
        }

        boolean busy() {
            return category().equals("md_show_update");
        }

        String error() {
            return body.path("payload").path("kwargs").path("error").asText(body.path("error").asText(""));
        }
    }

    Reply post(String user, String path, Object body) throws IOException, InterruptedException {
        return post(user, path, body, ANSWER_TIMEOUT);
    }

    /** A POST whose answer may take up to {@code timeout}: one sent to an instance the test pauses meanwhile. */
    Reply post(String user, String path, Object body, Duration timeout) throws IOException, InterruptedException {
        BrowserSession.Login login = browser.as(user);
        HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve(path)).timeout(timeout)
                .header("Cookie", login.cookie()).header("X-CSRF-Token", login.csrf());
        request = body == null ? request.POST(HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        return send(request.build());
    }

    Reply get(String user, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(root.resolve(path)).timeout(ANSWER_TIMEOUT)
                .header("Cookie", browser.as(user).cookie()).GET().build());
    }

    Reply answer(String user, String session, String value) throws IOException, InterruptedException {
        return post(user, "/chats/" + session + "/answer", Map.of("value", value));
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), JSON.readTree(response.body()),
                response.headers().firstValue("Retry-After").orElse(""));
    }
}
