package io.threebot.deployer.examples.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.internal.store.Json;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import io.threebot.deployer.testkit.LoopbackServers;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the page needs so that nothing is lost and payments can be tried: the open chats, closing one, the 3Bot's
 * WireGuard configuration, the terms text and the demo wallet, over a real socket.
 */
class HostPageRoutesTest {
    private static final Set<String> SHOWN_ONLY = Set.of("md_show", "confirm", "download_file", "qrcode_show");

    private final TestWorld world = TestWorld.sample();
    private final ThreebotDeployer deployer = world.deployer();
    private final HostUnderTest host = HostUnderTest.start(deployer,
            new PageSettings("## Our terms\n\nBe kind.", java.util.Optional.of(DemoWallet.on(world.ledger))));
    private final int port = host.port();
    private final BrowserSession browser = host.browser();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        host.close();
        deployer.close();
    }

    private HttpResponse<String> call(String method, String path, String user, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        BrowserSession.Login login = browser.as(user);
        request.header("Cookie", login.cookie()).header(WebLogin.CSRF_HEADER, login.csrf());
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String method, String path, String user, String body) throws Exception {
        return Json.mapper().readTree(call(method, path, user, body).body());
    }

    /** Answers with the defaults until the chat shows the question {@code category}, or a long step. */
    private JsonNode answerUntil(JsonNode message, String category) throws Exception {
        String session = message.get("session").asText();
        for (int guard = 0; guard < 40; guard++) {
            String now = message.get("payload").get("category").asText();
            if (now.equals(category) || now.equals("end") || now.equals("error")) {
                return message;
            }
            if (now.equals("md_show_update")) {
                message = json("GET", "/chats/" + session + "/next", "alice", null);
                continue;
            }
            String key = message.get("payload").get("kwargs").path("key").asText("");
            String value = SHOWN_ONLY.contains(now) ? "" : ChatDriver.DEFAULTS.getOrDefault(key, "");
            message = json("POST", "/chats/" + session + "/answer", "alice", Json.mapper().writeValueAsString(
                    Map.of("value", value, "sequence", message.get("info").get("sequence").asLong())));
        }
        throw new AssertionError("never reached " + category);
    }

    @Test
    void openChatsAreListedAndAClosedOneIsGoneAndShowsThatItWasClosed() throws Exception {
        String first = json("POST", "/chats/deploy", "alice", null).get("session").asText();
        json("POST", "/chats/" + first + "/answer", "alice", "{\"value\":\"listedbot\"}");
        String second = json("POST", "/chats/restart?threebot=none", "alice", null).path("session").asText("");
        assertThat(second).as("no 3Bot to restart: no chat").isEmpty();

        JsonNode open = json("GET", "/chats", "alice", null);
        assertThat(open).hasSize(1);
        assertThat(open.get(0).get("session").asText()).isEqualTo(first);
        assertThat(open.get(0).get("flow").asText()).isEqualTo("deploy");
        assertThat(open.get(0).get("threebot").asText()).isEqualTo("listedbot");
        assertThat(open.get(0).get("busy").asBoolean()).isFalse();
        assertThat(open.get(0).get("title").asText()).isEqualTo("Deployer Information");
        assertThat(json("GET", "/chats", "bob", null)).as("another user's chats").isEmpty();
        assertThat(call("POST", "/chats/" + first + "/close", "bob", null).statusCode()).isEqualTo(404);

        JsonNode closed = json("POST", "/chats/" + first + "/close", "alice", null);
        assertThat(closed.get("payload").get("category").asText()).isEqualTo("end");
        assertThat(closed.get("payload").get("msg").asText()).contains("closed");
        assertThat(json("GET", "/chats", "alice", null)).isEmpty();
        assertThat(call("POST", "/chats/" + first + "/answer", "alice", "{\"value\":\"Gold\"}").statusCode())
                .as("a closed chat takes no answer").isEqualTo(409);
    }

    @Test
    void theDemoWalletPaysARequestOnceWhenAskedAndTheDeployGoesOnWhileNothingPaysByItself() throws Exception {
        world.ledger.payNothing();
        assertThat(json("GET", "/payments/demo-wallet", "alice", null).get("available").asBoolean()).isTrue();
        JsonNode message = answerUntil(json("POST", "/chats/deploy", "alice", null), "qrcode_show");
        String session = message.get("session").asText();
        String payment = message.get("payload").get("kwargs").get("payment_id").asText();
        assertThat(call("POST", "/payments/" + payment + "/demo-pay", "bob", null).statusCode())
                .as("another user's request is unknown").isEqualTo(404);

        message = json("POST", "/chats/" + session + "/answer", "alice", Json.mapper().writeValueAsString(
                Map.of("value", "", "sequence", message.get("info").get("sequence").asLong())));
        assertThat(message.get("payload").get("category").asText()).isEqualTo("md_show_update");
        Thread.sleep(300);
        assertThat(json("GET", "/chats/" + session, "alice", null).get("payload").get("msg").asText())
                .as("nobody paid: the deploy waits").startsWith("Waiting for your payment");
        assertThat(world.ledger.netOf(SimulatedLedger.AUTO_PAYER)).isZero();

        HttpResponse<String> paid = call("POST", "/payments/" + payment + "/demo-pay", "alice", null);
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        HttpResponse<String> again = call("POST", "/payments/" + payment + "/demo-pay", "alice", null);
        assertThat(again.statusCode()).as("never paid twice").isEqualTo(409);
        long amount = deployer.forOwner("alice").payment(payment).amountStroops();
        assertThat(world.ledger.netOf(SimulatedLedger.AUTO_PAYER)).isEqualTo(-amount);

        JsonNode end = answerUntil(json("GET", "/chats/" + session, "alice", null), "end");
        assertThat(end.get("payload").get("category").asText()).as(end.toString()).isEqualTo("end");
        JsonNode bots = json("GET", "/threebots", "alice", null);
        assertThat(bots.get(0).get("state").asText()).isEqualTo("RUNNING");
    }

    @Test
    void theWireGuardConfigurationStaysDownloadableFromThe3BotWithItsPassword() throws Exception {
        answerUntil(json("POST", "/chats/deploy", "alice", null), "end");
        String uuid = json("GET", "/threebots", "alice", null).get(0).get("uuid").asText();
        HttpResponse<String> config = call("POST", "/threebots/" + uuid + "/wireguard", "alice",
                "{\"password\":\"" + ChatDriver.DEFAULTS.get("password") + "\"}");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode body = Json.mapper().readTree(config.body());
        assertThat(body.get("filename").asText()).isEqualTo("apps.conf");
        assertThat(body.get("data").asText()).contains("[Interface]").contains("PrivateKey");
        assertThat(call("POST", "/threebots/" + uuid + "/wireguard", "alice", "{\"password\":\"guess\"}")
                .statusCode()).isEqualTo(403);
        assertThat(call("POST", "/threebots/" + uuid + "/wireguard", "bob",
                "{\"password\":\"" + ChatDriver.DEFAULTS.get("password") + "\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void theTermsTextComesFromTheHostsConfiguration() throws Exception {
        JsonNode terms = json("GET", "/terms", "alice", null);
        assertThat(terms.get("accepted").asBoolean()).isFalse();
        assertThat(terms.get("text").asText()).isEqualTo("## Our terms\n\nBe kind.");
        assertThat(PageSettings.DEFAULT.termsMarkdown()).contains("https://").contains("ThreeFold");
        assertThat(HostOptions.parse("--terms", "our-terms.md").terms()).contains(java.nio.file.Path.of("our-terms.md"));
        assertThat(HostOptions.parse().terms()).isEmpty();
    }

    @Test
    void aHostWithoutADemoWalletSaysSoAndPaysNothing() throws Exception {
        int otherPort = LoopbackServers.freePort();
        try (HostApp real = HostApp.start(deployer, new InetSocketAddress("127.0.0.1", otherPort),
                BrowserSession.webLogin(host.connect(), "http://127.0.0.1:" + otherPort))) {
            BrowserSession.Login login = new BrowserSession(URI.create("http://127.0.0.1:" + otherPort)).as("alice");
            HttpResponse<String> available = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + otherPort + "/payments/demo-wallet")).header("Cookie", login.cookie()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(Json.mapper().readTree(available.body()).get("available").asBoolean()).isFalse();
            HttpResponse<String> pay = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + otherPort
                    + "/payments/any/demo-pay")).header("Cookie", login.cookie())
                    .header(WebLogin.CSRF_HEADER, login.csrf()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(pay.statusCode()).isEqualTo(404);
            assertThat(pay.body()).contains("no demo wallet");
        }
        assertThat(world.ledger.netOf(SimulatedLedger.AUTO_PAYER)).isZero();
    }
}
