package io.threebot.deployer.examples.processes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI root;
    private final Map<String, String[]> logins = new java.util.concurrent.ConcurrentHashMap<>();

    HostClient(int port) {
        this.root = URI.create("http://127.0.0.1:" + port);
    }

    /** The reply: its status and JSON body. */
    record Reply(int status, JsonNode body) {
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

    /** The user's session cookie and CSRF token, logging in the first time. */
    private String[] login(String user) {
        return logins.computeIfAbsent(user, u -> {
            try {
                HttpResponse<Void> start = http.send(HttpRequest.newBuilder(root.resolve("/auth/login")).build(),
                        HttpResponse.BodyHandlers.discarding());
                String cookie = cookieOf(start);
                URI page = URI.create(start.headers().firstValue("Location").orElseThrow() + "&as=" + u + ".3bot");
                URI callback = URI.create(http.send(HttpRequest.newBuilder(page).build(),
                        HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location").orElseThrow());
                String session = cookieOf(http.send(HttpRequest.newBuilder(callback).header("Cookie", cookie)
                        .build(), HttpResponse.BodyHandlers.discarding()));
                HttpResponse<byte[]> me = http.send(HttpRequest.newBuilder(root.resolve("/auth/me"))
                        .header("Cookie", session).build(), HttpResponse.BodyHandlers.ofByteArray());
                String csrf = JSON.readTree(me.body()).path("csrf").asText();
                http.send(HttpRequest.newBuilder(root.resolve("/terms/accept")).header("Cookie", session)
                        .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding()); // the terms, as the page asks first
                return new String[] {session, csrf};
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("could not log in as " + u, e);
            }
        });
    }

    private static String cookieOf(HttpResponse<?> response) {
        String set = response.headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    Reply post(String user, String path, Object body) throws IOException, InterruptedException {
        String[] login = login(user);
        HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(40))
                .header("Cookie", login[0]).header("X-CSRF-Token", login[1]);
        request = body == null ? request.POST(HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        return send(request.build());
    }

    Reply get(String user, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(40))
                .header("Cookie", login(user)[0]).GET().build());
    }

    Reply answer(String user, String session, String value) throws IOException, InterruptedException {
        return post(user, "/chats/" + session + "/answer", Map.of("value", value));
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), JSON.readTree(response.body()));
    }
}
