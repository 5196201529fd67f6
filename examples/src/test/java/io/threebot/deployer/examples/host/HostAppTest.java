package io.threebot.deployer.examples.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.store.Json;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A web client deploying and managing a 3Bot through the example host app, over a real socket. */
class HostAppTest {
    private static final Set<String> SHOWN_ONLY = Set.of("md_show", "confirm", "download_file");

    private final ThreebotDeployer deployer = TestWorld.sample().deployer();
    private final HostApp app = HostApp.start(deployer, new InetSocketAddress("127.0.0.1", 0));
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        app.close();
        deployer.close();
    }

    private HttpResponse<String> call(String method, String path, String user, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("X-User", user);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.mapper().readTree(response.body());
    }

    @Test
    void aWebClientDeploysListsAndStopsItsThreebot() throws Exception {
        HttpResponse<String> started = call("POST", "/chats/deploy", "alice.3bot", null);
        assertThat(started.statusCode()).isEqualTo(201);
        JsonNode message = json(started);
        String session = message.get("session").asText();
        assertThat(message.get("info").get("title").asText()).isEqualTo("3Bot Name");

        JsonNode refused = json(call("POST", "/chats/" + session + "/answer", "alice.3bot",
                "{\"value\":\"Not A Name\"}"));
        assertThat(refused.get("payload").get("kwargs").get("error").asText()).isNotBlank();
        assertThat(refused.get("info").get("title").asText()).isEqualTo("3Bot Name");

        message = refused;
        for (int guard = 0; guard < 60; guard++) {
            String category = message.get("payload").get("category").asText();
            if (category.equals("end") || category.equals("error")) {
                break;
            }
            if (category.equals("md_show_update")) {
                message = json(call("GET", "/chats/" + session + "/next", "alice.3bot", null));
                continue;
            }
            String key = message.get("payload").get("kwargs").path("key").asText("");
            String value = SHOWN_ONLY.contains(category) ? "" : ChatDriver.DEFAULTS.getOrDefault(key, "");
            message = json(call("POST", "/chats/" + session + "/answer", "alice.3bot",
                    Json.mapper().writeValueAsString(java.util.Map.of("value", value))));
        }
        assertThat(message.get("payload").get("category").asText()).isEqualTo("end");

        JsonNode list = json(call("GET", "/threebots", "alice.3bot", null));
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("name").asText()).isEqualTo("mybot");
        assertThat(list.get(0).get("state").asText()).isEqualTo("RUNNING");
        String uuid = list.get(0).get("uuid").asText();

        HttpResponse<String> wrong = call("POST", "/threebots/" + uuid + "/stop", "alice.3bot",
                "{\"password\":\"guess\"}");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(call("POST", "/threebots/" + uuid + "/stop", "mallory", "{\"password\":\"correct horse\"}")
                .statusCode()).isEqualTo(403);
        HttpResponse<String> stopped = call("POST", "/threebots/" + uuid + "/stop", "alice.3bot",
                "{\"password\":\"correct horse\"}");
        assertThat(stopped.statusCode()).isEqualTo(200);
        assertThat(json(stopped).get("state").asText()).isEqualTo("STOPPED");
        assertThat(call("POST", "/threebots/" + uuid + "/stop", "alice.3bot", "{\"password\":\"correct horse\"}")
                .statusCode()).isEqualTo(409);
    }

    @Test
    void requestsOutsideTheRulesGetAClearStatus() throws Exception {
        assertThat(call("POST", "/chats/deploy", null, null)).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("log in first");
        });
        String session = json(call("POST", "/chats/deploy", "alice", null)).get("session").asText();
        assertThat(call("GET", "/chats/" + session, "bob", null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/chats/no-such-session", "alice", null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/chats/" + session + "/back", "alice", null).statusCode()).isEqualTo(409);
        assertThat(call("POST", "/chats/" + session + "/answer", "alice", "{}")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("\\\"value\\\" is required");
        });
        assertThat(call("POST", "/threebots/unknown/stop", "alice", "{\"password\":\"x\"}").statusCode())
                .isEqualTo(404);
        assertThat(call("POST", "/threebot_deployer/actors/backup/public_key", null, "{}").statusCode())
                .isEqualTo(200);
    }
}
