package io.threebot.deployer.examples.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.internal.store.Json;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import io.threebot.deployer.testkit.LoopbackServers;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A web client deploying and managing a 3Bot through the example host app, over a real socket. */
class HostAppTest {
    private static final Set<String> SHOWN_ONLY = Set.of("md_show", "confirm", "download_file");

    private final TestWorld world = TestWorld.sample();
    private final ThreebotDeployer deployer = world.deployer();
    private final HostUnderTest host = HostUnderTest.start(deployer);
    private final int port = host.port();
    private final BrowserSession browser = host.browser();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        host.close();
        deployer.close();
    }

    /** A request as a web page sends it: a body, when there is one, as {@code application/json}. */
    private HttpResponse<String> call(String method, String path, String user, String body) throws Exception {
        return call(method, path, user, body, body == null ? null : "application/json");
    }

    /** A request with the given {@code Content-Type}, or none when {@code contentType} is null. */
    private HttpResponse<String> call(String method, String path, String user, String body, String contentType)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.app().port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            BrowserSession.Login login = browser.as(user);
            request.header("Cookie", login.cookie()).header(WebLogin.CSRF_HEADER, login.csrf());
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
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
                    Json.mapper().writeValueAsString(Map.of("value", value))));
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
        HttpResponse<String> foreign = call("POST", "/threebots/" + uuid + "/stop", "mallory",
                "{\"password\":\"correct horse\"}");
        HttpResponse<String> unknown = call("POST", "/threebots/no-such-3bot/stop", "mallory",
                "{\"password\":\"correct horse\"}");
        assertThat(foreign.statusCode()).as("another user's 3Bot answers as an unknown one").isEqualTo(404)
                .isEqualTo(unknown.statusCode());
        assertThat(foreign.body()).isEqualTo(unknown.body().replace("no-such-3bot", uuid));
        HttpResponse<String> stopped = call("POST", "/threebots/" + uuid + "/stop", "alice.3bot",
                "{\"password\":\"correct horse\"}");
        assertThat(stopped.statusCode()).isEqualTo(200);
        assertThat(json(stopped).get("state").asText()).isEqualTo("STOPPED");
        assertThat(call("POST", "/threebots/" + uuid + "/stop", "alice.3bot", "{\"password\":\"correct horse\"}")
                .statusCode()).isEqualTo(409);
    }

    @Test
    void aPageFollowingWithTheRevisionItSawGetsEveryProgressMessageOfALongStep() throws Exception {
        world.ledger.payRequestsAfter(java.time.Duration.ofMillis(1500));
        world.reachability.bootTime(java.time.Duration.ofMillis(1500));
        JsonNode message = json(call("POST", "/chats/deploy", "alice.3bot", null));
        String session = message.get("session").asText();
        List<String> progress = new java.util.ArrayList<>();
        Set<String> progressSteps = new java.util.LinkedHashSet<>();
        for (int guard = 0; guard < 80; guard++) {
            String category = message.get("payload").get("category").asText();
            if (category.equals("end") || category.equals("error")) {
                break;
            }
            assertThat(message.get("revision").asText()).hasSize(24);
            if (category.equals("md_show_update")) {
                progress.add(message.get("payload").get("msg").asText());
                progressSteps.add(message.get("info").get("title").asText());
                JsonNode next = json(call("GET", "/chats/" + session + "/next?seen="
                        + message.get("revision").asText(), "alice.3bot", null));
                assertThat(next.get("revision").asText()).as("another message than the one seen")
                        .isNotEqualTo(message.get("revision").asText());
                message = next;
                continue;
            }
            String key = message.get("payload").get("kwargs").path("key").asText("");
            String value = SHOWN_ONLY.contains(category) ? "" : ChatDriver.DEFAULTS.getOrDefault(key, "");
            message = json(call("POST", "/chats/" + session + "/answer", "alice.3bot",
                    Json.mapper().writeValueAsString(Map.of("value", value))));
        }
        assertThat(message.get("payload").get("category").asText()).isEqualTo("end");
        // the long waits (slowed down above) are each seen; the short reservation between them may go by while
        // the page asks, since it is given the latest message, not a queue of them
        assertThat(progress).as("the payment awaited, then the 3Bot awaited")
                .anySatisfy(m -> assertThat(m).startsWith("Waiting for your payment"))
                .anySatisfy(m -> assertThat(m).startsWith("Waiting for your 3Bot to answer"));
        assertThat(progressSteps).contains("Setup", "Initializing");
    }

    @Test
    void theIconIsServedAsSvgAlsoWhereBrowsersLookForIt() throws Exception {
        for (String path : List.of("/favicon.svg", "/favicon.ico")) {
            HttpResponse<String> icon = call("GET", path, null, null);
            assertThat(icon.statusCode()).as(path).isEqualTo(200);
            assertThat(icon.headers().firstValue("Content-Type")).contains("image/svg+xml");
            assertThat(icon.body()).startsWith("<svg");
        }
    }

    @Test
    void loggingInGivesAStrictHttpOnlyCookieUnderANewIdAndAReplayedCallbackLogsNobodyIn() throws Exception {
        HttpClient browserless = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        URI host = URI.create("http://127.0.0.1:" + port);
        HttpResponse<Void> start = browserless.send(HttpRequest.newBuilder(host.resolve("/auth/login")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(start.statusCode()).isEqualTo(302);
        String setCookie = start.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict").doesNotContain("Secure");
        String before = BrowserSession.cookieOf(start);
        URI page = URI.create(start.headers().firstValue("Location").orElseThrow() + "&as=carol.3bot");
        URI callback = URI.create(browserless.send(HttpRequest.newBuilder(page).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location").orElseThrow());

        HttpResponse<Void> back = browserless.send(HttpRequest.newBuilder(callback).header("Cookie", before).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(back.statusCode()).isEqualTo(302);
        String after = BrowserSession.cookieOf(back);
        assertThat(after).as("a new session id once logged in").isNotEqualTo(before);
        HttpResponse<String> me = browserless.send(HttpRequest.newBuilder(host.resolve("/auth/me"))
                .header("Cookie", after).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json(me).get("user").asText()).isEqualTo("carol.3bot");
        assertThat(browserless.send(HttpRequest.newBuilder(host.resolve("/auth/me")).header("Cookie", before)
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as("the old id is worth nothing")
                .isEqualTo(401);

        HttpResponse<String> replayed = browserless.send(HttpRequest.newBuilder(callback).header("Cookie", before)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replayed.statusCode()).isEqualTo(403);
        assertThat(replayed.headers().firstValue("Content-Type")).as("a page, not JSON").hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(replayed.body()).contains("<h1 id=\"problem-title\">Login refused</h1>")
                .contains("used already").contains("href=\"/auth/login\"").doesNotContain("{\"error\"");
        assertThat(replayed.headers().firstValue("Set-Cookie")).as("no session for a refused login").isEmpty();

        String csrf = json(me).get("csrf").asText();
        assertThat(browserless.send(HttpRequest.newBuilder(host.resolve("/auth/logout")).header("Cookie", after)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).as("logout needs the CSRF token too").isEqualTo(403);
        assertThat(browserless.send(HttpRequest.newBuilder(host.resolve("/auth/logout")).header("Cookie", after)
                .header(WebLogin.CSRF_HEADER, csrf).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(browserless.send(HttpRequest.newBuilder(host.resolve("/auth/me")).header("Cookie", after)
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    void requestsOutsideTheRulesGetAClearStatus() throws Exception {
        assertThat(call("POST", "/chats/deploy", null, null)).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("log in first");
        });
        HttpResponse<String> headerOnly = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/chats/deploy")).header("X-User", "alice.3bot").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(headerOnly.statusCode()).as("a header names nobody").isEqualTo(401);
        BrowserSession.Login alice = browser.as("alice.3bot");
        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/chats/deploy")).header("Cookie", alice.cookie()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).as("a POST without the CSRF token").isEqualTo(403);
        assertThat(noToken.body()).contains("CSRF token");
        assertThat(deployer.forOwner("alice").threebots()).isEmpty();
        String session = json(call("POST", "/chats/deploy", "alice", null)).get("session").asText();
        HttpResponse<String> foreign = call("GET", "/chats/" + session, "bob", null);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).isEqualTo(call("GET", "/chats/no-such-session", "bob", null).body()
                .replace("no-such-session", session));
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

    @Test
    void aPaymentRequestWithDaysThatAreNotAWholeNumberInRangeIsRefusedAndBuysNothing() throws Exception {
        String uuid = deployedAndStopped();
        int requestsBefore = world.ledger.demands().size();
        for (String days : List.of("\"14 days\"", "\"14\"", "1e9", "100000", "1.5", "0", "-1", "366",
                "1000000000000000000000", "null", "true")) {
            HttpResponse<String> refused = call("POST", "/threebots/" + uuid + "/payments", "alice.3bot",
                    "{\"operation\":\"start\",\"days\":" + days + "}");
            assertThat(refused.statusCode()).as("days %s", days).isEqualTo(400);
            assertThat(json(refused).get("error").asText()).as("days %s", days).contains("\"days\"")
                    .contains("a whole number from 1 to 365");
        }
        assertThat(call("POST", "/threebots/" + uuid + "/payments", "alice.3bot", "{\"operation\":\"start\"}")
                .statusCode()).isEqualTo(400);
        assertThat(call("POST", "/threebots/" + uuid + "/start", "alice.3bot",
                "{\"password\":\"correct horse\",\"payment\":14}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/threebots/" + uuid + "/start", "alice.3bot", "[\"correct horse\"]").statusCode())
                .isEqualTo(400);
        assertThat(call("POST", "/threebots/" + uuid + "/start", "alice.3bot",
                "{\"password\":\"correct horse\"}{\"days\":400}").statusCode()).isEqualTo(400);

        assertThat(world.ledger.demands()).as("no payment request was opened").hasSize(requestsBefore);
        assertThat(world.payments.receipts()).as("the operator paid only the first deploy").hasSize(1);
        assertThat(json(call("GET", "/threebots", "alice.3bot", null)).get(0).get("state").asText())
                .isEqualTo("STOPPED");
    }

    @Test
    void aStartBuysDaysOnlyWithTheUsersPaidRequest() throws Exception {
        String uuid = deployedAndStopped();
        HttpResponse<String> requested = call("POST", "/threebots/" + uuid + "/payments", "alice.3bot",
                "{\"operation\":\"start\",\"days\":3}");
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        JsonNode payment = json(requested);
        String id = payment.get("payment_id").asText();
        assertThat(payment.get("address").asText()).isEqualTo(SimulatedLedger.OPERATOR_ADDRESS);
        assertThat(payment.get("memo").asText()).matches("[a-z0-9]{20}");
        assertThat(payment.get("data").asText()).startsWith("TFT:" + SimulatedLedger.OPERATOR_ADDRESS
                + "?amount=" + payment.get("amount").asText() + "&message=" + payment.get("memo").asText());
        assertThat(Base64.getDecoder().decode(payment.get("qrcode").asText())).startsWith(0x89, 'P', 'N', 'G');
        assertThat(call("GET", "/payments/" + id, "mallory", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/payments/no-such-payment", "alice.3bot", null).statusCode()).isEqualTo(404);
        assertThat(json(call("GET", "/payments/" + id, "alice.3bot", null)).get("status").asText())
                .isEqualTo("PAID");

        HttpResponse<String> started = call("POST", "/threebots/" + uuid + "/start", "alice.3bot",
                "{\"password\":\"correct horse\",\"payment\":\"" + id + "\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(json(call("GET", "/payments/" + id, "alice.3bot", null)).get("status").asText())
                .isEqualTo("SETTLED");
        assertThat(world.payments.receipts()).as("the operator paid the start from the user's payment").hasSize(2);

        String newUuid = json(started).get("uuid").asText();
        call("POST", "/threebots/" + newUuid + "/stop", "alice.3bot", "{\"password\":\"correct horse\"}");
        HttpResponse<String> reused = call("POST", "/threebots/" + newUuid + "/start", "alice.3bot",
                "{\"password\":\"correct horse\",\"payment\":\"" + id + "\"}");
        assertThat(reused.statusCode()).as(reused.body()).isEqualTo(402);
        assertThat(json(reused).get("error").asText()).contains("was made for starting a 3Bot");
        assertThat(world.payments.receipts()).hasSize(2);
    }

    @Test
    void theCommandLineTakesAGridServerAndASharedDatabaseWithItsKeysAndSaysWhatIsWrong() {
        HostOptions shared = HostOptions.parse("8081", "--grid", "http://127.0.0.1:7310", "--jdbc",
                "jdbc:postgresql://127.0.0.1:5432/deployer?user=deployer", "--keys", "/tmp/keys");
        assertThat(shared.address().getPort()).isEqualTo(8081);
        assertThat(shared.grid()).contains(java.net.URI.create("http://127.0.0.1:7310"));
        assertThat(shared.jdbc()).hasValueSatisfying(u -> assertThat(u).startsWith("jdbc:postgresql:"));
        assertThat(HostOptions.parse().jdbc()).isEmpty();
        assertThatThrownBy(() -> HostOptions.parse("--jdbc", "jdbc:postgresql://h/db")).hasMessageContaining(
                "--jdbc and --keys go together");
        assertThatThrownBy(() -> HostOptions.parse("--jdbc", "jdbc:mysql://h/db", "--keys", "k"))
                .hasMessageContaining("PostgreSQL JDBC URL");
        assertThatThrownBy(() -> HostOptions.parse("--grid")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> HostOptions.parse("--color", "red")).hasMessageContaining("unknown option");
    }

    @Test
    void theCommandLineTakesAStellarWalletOnADoubleOrOnAHorizon() {
        assertThat(HostOptions.parse().stellarWallet()).isFalse();
        HostOptions onDouble = HostOptions.parse("--wallet", "stellar");
        assertThat(onDouble.stellarWallet()).isTrue();
        assertThat(onDouble.stellar()).isEmpty();
        HostOptions onHorizon = HostOptions.parse("--stellar", "https://horizon-testnet.stellar.org");
        assertThat(onHorizon.stellarWallet()).isTrue();
        assertThat(onHorizon.stellar()).contains(java.net.URI.create("https://horizon-testnet.stellar.org"));
        assertThatThrownBy(() -> HostOptions.parse("--wallet", "bank")).hasMessageContaining("simulated or stellar");
        assertThatThrownBy(() -> HostOptions.parse("--wallet", "stellar", "--grid", "http://127.0.0.1:7310"))
                .hasMessageContaining("exclude each other");
    }

    @Test
    void theHostListensOnLoopbackUnlessToldOtherwise() throws Exception {
        InetSocketAddress byDefault = HostApp.bindAddress();
        assertThat(byDefault.getAddress().isLoopbackAddress()).isTrue();
        assertThat(byDefault.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(byDefault.getPort()).isEqualTo(8080);
        InetSocketAddress onPort = HostApp.bindAddress("9090");
        assertThat(onPort.getAddress().isLoopbackAddress()).isTrue();
        assertThat(onPort.getPort()).isEqualTo(9090);
        InetSocketAddress everywhere = HostApp.bindAddress("9090", "0.0.0.0");
        assertThat(everywhere.getAddress().isLoopbackAddress()).as("only when asked").isFalse();
        assertThat(everywhere.getAddress().isAnyLocalAddress()).isTrue();
        for (String[] wrong : List.of(new String[] {"http"}, new String[] {"70000"}, new String[] {"-1"},
                new String[] {"8080", "127.0.0.1", "extra"})) {
            assertThatThrownBy(() -> HostApp.bindAddress(wrong)).as(String.join(" ", wrong))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        assertThat(host.app().address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(host.app().address().getPort()).isEqualTo(host.app().port()).isPositive();
    }

    @Test
    void anAnswerThatIsNotJsonIsRefusedWith415AndChangesNothing() throws Exception {
        String session = json(call("POST", "/chats/deploy", "alice.3bot", null)).get("session").asText();
        JsonNode before = json(call("GET", "/chats/" + session, "alice.3bot", null));
        assertThat(before.get("info").get("title").asText()).isEqualTo("3Bot Name");

        HttpResponse<String> plain = call("POST", "/chats/" + session + "/answer", "alice.3bot",
                "{\"value\":\"mybot\"}", "text/plain");
        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(json(plain)).isEqualTo(Json.mapper().readTree(
                "{\"error\": \"send JSON with Content-Type: application/json\"}"));
        assertThat(plain.headers().firstValue("Content-Type")).hasValue("application/json");
        HttpResponse<String> form = call("POST", "/chats/" + session + "/answer", "alice.3bot", "value=mybot",
                "application/x-www-form-urlencoded");
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(json(form).get("error").asText()).isEqualTo("send JSON with Content-Type: application/json");
        assertThat(call("POST", "/chats/" + session + "/answer", "alice.3bot", "{\"value\":\"mybot\"}", null)
                .statusCode()).as("a body without a content type").isEqualTo(415);
        assertThat(call("POST", "/chats/" + session + "/answer", "alice.3bot", "{\"value\":\"mybot\"}",
                "application/jsonp").statusCode()).isEqualTo(415);

        assertThat(json(call("GET", "/chats/" + session, "alice.3bot", null))).as("the session is unchanged")
                .isEqualTo(before);

        HttpResponse<String> utf8 = call("POST", "/chats/" + session + "/answer", "alice.3bot",
                "{\"value\":\"mybot\"}", "application/json; charset=UTF-8");
        assertThat(utf8.statusCode()).as(utf8.body()).isEqualTo(200);
        assertThat(json(utf8).get("payload").get("kwargs").path("error").asText("")).isEmpty();
        assertThat(json(utf8).get("info").get("title").asText()).as("the name was taken").isNotEqualTo("3Bot Name");
        JsonNode next = json(call("GET", "/chats/" + session, "alice.3bot", null));
        assertThat(next).isNotEqualTo(before);
        assertThat(call("POST", "/chats/" + session + "/back", "alice.3bot", "{}", "Application/JSON")
                .statusCode()).as("the type is case-insensitive").isEqualTo(200);
    }

    @Test
    void twentyIdenticalAnswersNamingTheirMessageAreTakenOnceAndTheRestAre409() throws Exception {
        String session = json(call("POST", "/chats/deploy", "alice.3bot", null)).get("session").asText();
        JsonNode asked = json(call("GET", "/chats/" + session, "alice.3bot", null));
        long sequence = asked.get("info").get("sequence").asLong();
        String body = "{\"value\":\"mybot\",\"sequence\":" + sequence + "}";

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        java.util.List<java.util.concurrent.Future<HttpResponse<String>>> replies = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            replies.add(pool.submit(() -> call("POST", "/chats/" + session + "/answer", "alice.3bot", body)));
        }
        java.util.List<Integer> statuses = new java.util.ArrayList<>();
        for (var reply : replies) {
            statuses.add(reply.get().statusCode());
        }
        pool.shutdown();

        assertThat(statuses).filteredOn(s -> s == 200).as("taken once").hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
        JsonNode now = json(call("GET", "/chats/" + session, "alice.3bot", null));
        assertThat(now.get("info").get("sequence").asLong()).isEqualTo(sequence + 1);
        assertThat(now.get("payload").get("kwargs").path("error").asText("")).as("no question answered twice")
                .isEmpty();
        HttpResponse<String> late = call("POST", "/chats/" + session + "/back", "alice.3bot",
                "{\"sequence\":" + sequence + "}");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(json(call("GET", "/chats/" + session, "alice.3bot", null))).as("nothing changed").isEqualTo(now);
        assertThat(call("POST", "/chats/" + session + "/back", "alice.3bot", "{\"sequence\":\"x\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void everyRouteReadingABodyRefusesOtherTypes() throws Exception {
        String uuid = deployedAndStopped();
        HttpResponse<String> form = call("POST", "/threebots/" + uuid + "/start", "alice.3bot",
                "password=correct+horse", "application/x-www-form-urlencoded");
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(call("POST", "/threebots/" + uuid + "/payments", "alice.3bot",
                "{\"operation\":\"start\",\"days\":3}", "text/plain").statusCode()).isEqualTo(415);
        assertThat(call("POST", "/threebots/" + uuid + "/destroy", "alice.3bot",
                "{\"password\":\"correct horse\"}", "multipart/form-data; boundary=x").statusCode()).isEqualTo(415);
        assertThat(json(call("GET", "/threebots", "alice.3bot", null)).get(0).get("state").asText())
                .isEqualTo("STOPPED");
    }

    @Test
    void aPostWithNoBodyAndNoContentTypeIsStillServed() throws Exception {
        HttpResponse<String> started = call("POST", "/chats/deploy", "alice.3bot", null, null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String session = json(started).get("session").asText();
        assertThat(call("POST", "/chats/" + session + "/back", "alice.3bot", null, null).statusCode())
                .as("no previous question, but not a 415").isEqualTo(409);

        // as curl -X POST sends it: no Content-Length, no Content-Type
        try (Socket socket = new Socket(host.app().address().getAddress(), host.app().port())) {
            BrowserSession.Login alice = browser.as("alice.3bot");
            socket.getOutputStream().write(("POST /chats/deploy HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: "
                    + alice.cookie() + "\r\n" + WebLogin.CSRF_HEADER + ": " + alice.csrf()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 201");
        }
    }

    /** Deploys alice's 3Bot through the chat and stops it; returns its id. */
    private String deployedAndStopped() throws Exception {
        assertThat(ChatDriver.start(deployer, "alice.3bot").runToEnd(Map.of()).category()).isEqualTo(Category.END);
        String uuid = json(call("GET", "/threebots", "alice.3bot", null)).get(0).get("uuid").asText();
        assertThat(call("POST", "/threebots/" + uuid + "/stop", "alice.3bot", "{\"password\":\"correct horse\"}")
                .statusCode()).isEqualTo(200);
        return uuid;
    }

    @Test
    void aChatStartsWithoutABodyAndAUserHasAtMostFiveOpen() throws Exception {
        HttpResponse<String> withBody = call("POST", "/chats/deploy", "zed", "{\"name\":\"mybot\",\"days\":9999}");
        assertThat(withBody.statusCode()).isEqualTo(400);
        assertThat(json(withBody).get("error").asText()).contains("a chat starts without a body");
        for (int i = 0; i < 5; i++) {
            assertThat(call("POST", "/chats/deploy", "zed", null).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> sixth = call("POST", "/chats/deploy", "zed", null);
        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(json(sixth).get("error").asText()).contains("You have 5 open chats");
    }

    @Test
    void aHostWithARegistryServesTheDeployersMeters() throws Exception {
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        var metrics = new io.threebot.deployer.metrics.DeployerMetrics(registry);
        try (ThreebotDeployer observed = world.builder(TestWorld.fastSettings().build()).events(metrics).build()
                .start();
             HostApp withMetrics = HostApp.start(observed, new InetSocketAddress("127.0.0.1", 0), registry,
                     BrowserSession.webLogin(host.connect(), "http://127.0.0.1:0"))) {
            metrics.gauge("threebot.chats.open", observed::openChats);
            assertThat(ChatDriver.start(observed, "alice.3bot").runToEnd(Map.of()).category()).isEqualTo(Category.END);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + withMetrics.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode meters = json(response);
            assertThat(meters.findValuesAsText("name")).contains("threebot.deploys", "threebot.deploy.steps",
                    "threebot.payments", "threebot.chats.open");
        }
    }

    @Test
    void aDamagedRecordIsAnEntryWithItsIdOnlyForItsOwnerIsRefusedWithA409AndIsCountedInTheMeters()
            throws Exception {
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        var metrics = new io.threebot.deployer.metrics.DeployerMetrics(registry);
        int metricsPort = LoopbackServers.freePort();
        try (ThreebotDeployer observed = world.builder(TestWorld.fastSettings().build()).events(metrics).build()
                .start();
             HostApp withMetrics = HostApp.start(observed, new InetSocketAddress("127.0.0.1", metricsPort), registry,
                     BrowserSession.webLogin(host.connect(), "http://127.0.0.1:" + metricsPort))) {
            assertThat(ChatDriver.start(observed, "alice.3bot").runToEnd(Map.of()).category()).isEqualTo(Category.END);
            String uuid = observed.forOwner("alice").threebots().get(0).uuid();
            // in memory every record is JSON: one the Threebot type cannot be read from stands for a damaged one
            var record = world.store.get("threebots", uuid, JsonNode.class).orElseThrow();
            var reshaped = ((com.fasterxml.jackson.databind.node.ObjectNode) record.value()).deepCopy();
            reshaped.putArray("flavor").add("not a flavor");
            world.store.put("threebots", uuid, reshaped, record.version());

            BrowserSession session = new BrowserSession(URI.create("http://127.0.0.1:" + withMetrics.port()));
            JsonNode list = json(callOn(withMetrics, session, "GET", "/threebots", "alice.3bot", null));
            assertThat(list).hasSize(1);
            assertThat(list.get(0).get("uuid").asText()).isEqualTo(uuid);
            assertThat(list.get(0).get("state").asText()).isEqualTo("DAMAGED");
            assertThat(list.get(0).get("damaged").asBoolean()).isTrue();
            assertThat(list.get(0).has("name")).as("no data").isFalse();
            assertThat(json(callOn(withMetrics, session, "GET", "/threebots", "mallory", null))).isEmpty();

            HttpResponse<String> stop = callOn(withMetrics, session, "POST", "/threebots/" + uuid + "/stop",
                    "alice.3bot", "{\"password\":\"correct horse\"}");
            assertThat(stop.statusCode()).isEqualTo(409);
            assertThat(json(stop).get("error").asText()).contains(uuid).contains("contact support");

            JsonNode meters = json(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + withMetrics.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()));
            JsonNode damaged = null;
            for (JsonNode meter : meters) {
                if (meter.get("name").asText().equals("threebot.records.damaged")) {
                    damaged = meter;
                }
            }
            assertThat(damaged).as("the damaged records counter").isNotNull();
            assertThat(damaged.get("count").asDouble()).isEqualTo(1.0);
        }
    }

    /** A request to another host app than this test's own, logged in through {@code session}. */
    private HttpResponse<String> callOn(HostApp host, BrowserSession session, String method, String path, String user,
                                        String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        BrowserSession.Login login = session.as(user);
        request.header("Cookie", login.cookie()).header(WebLogin.CSRF_HEADER, login.csrf());
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aMaintenanceChatStartsForANamed3BotAndAnotherUsersAnswersAsUnknown() throws Exception {
        String uuid = deployedAndStopped();
        HttpResponse<String> started = call("POST", "/chats/restart?threebot=" + uuid, "alice.3bot", null);
        assertThat(started.statusCode()).isEqualTo(201);
        assertThat(json(started).get("payload").get("kwargs").get("key").asText()).isEqualTo("password");
        assertThat(call("POST", "/chats/extend?threebot=mybot", "alice.3bot", null).statusCode()).isEqualTo(201);
        HttpResponse<String> foreign = call("POST", "/chats/restart?threebot=" + uuid, "mallory", null);
        HttpResponse<String> unknown = call("POST", "/chats/restart?threebot=nope", "mallory", null);
        assertThat(foreign.statusCode()).isEqualTo(404).isEqualTo(unknown.statusCode());
        assertThat(foreign.body()).isEqualTo(unknown.body().replace("nope", uuid));
        assertThat(call("POST", "/chats/restart", "alice.3bot", null).statusCode()).as("asks which").isEqualTo(201);
    }

    @Test
    void aMoveTakesALocationPolicyAndABadOneIsA400ThatChangesNothing() throws Exception {
        String uuid = deployedAndStopped();
        HttpResponse<String> bad = call("POST", "/threebots/" + uuid + "/move", "alice.3bot",
                "{\"password\":\"correct horse\",\"location\":\"moon:base\"}");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(json(bad).get("error").asText()).contains("continent:NAME, farm:NAME or node:ID");
        assertThat(json(call("GET", "/threebots", "alice.3bot", null)).get(0).get("state").asText())
                .isEqualTo("STOPPED");

        String id = json(call("POST", "/threebots/" + uuid + "/payments", "alice.3bot",
                "{\"operation\":\"move\",\"days\":2}")).get("payment_id").asText();
        HttpResponse<String> moved = call("POST", "/threebots/" + uuid + "/move", "alice.3bot",
                "{\"password\":\"correct horse\",\"location\":\"farm:tokyo-hub\",\"payment\":\"" + id + "\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        JsonNode listed = json(call("GET", "/threebots", "alice.3bot", null)).get(0);
        assertThat(listed.get("farmName").asText()).isEqualTo("tokyo-hub");
        assertThat(listed.get("state").asText()).isEqualTo("RUNNING");
        assertThat(listed.get("expiry").asText()).as("2 days bought: within the 2-day warning")
                .isEqualTo("EXPIRES_SOON");
        assertThat(listed.has("poolTimeLeft")).isTrue();
    }

    @Test
    void autoRenewTurnsOnWithThePasswordAndStrictDaysAndTurnsOff() throws Exception {
        String uuid = deployedAndStopped();
        HttpResponse<String> badDays = call("POST", "/threebots/" + uuid + "/renew", "alice.3bot",
                "{\"password\":\"correct horse\",\"days\":\"7 days\"}");
        assertThat(badDays.statusCode()).as(badDays.body()).isEqualTo(400);
        assertThat(badDays.body()).contains("days");
        HttpResponse<String> wrong = call("POST", "/threebots/" + uuid + "/renew", "alice.3bot",
                "{\"password\":\"not it at all\",\"days\":7}");
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(403);
        assertThat(deployer.forOwner("alice").autoRenewDays(uuid)).isEmpty();

        HttpResponse<String> on = call("POST", "/threebots/" + uuid + "/renew", "alice.3bot",
                "{\"password\":\"correct horse\",\"days\":7}");
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
        assertThat(deployer.forOwner("alice").autoRenewDays(uuid)).contains(7);
        assertThat(call("POST", "/threebots/" + uuid + "/renew-off", "mallory", "{}").statusCode()).isEqualTo(404);
        HttpResponse<String> off = call("POST", "/threebots/" + uuid + "/renew-off", "alice.3bot", "{}");
        assertThat(json(off).get("was_on").asBoolean()).isTrue();
        assertThat(deployer.forOwner("alice").autoRenewDays(uuid)).isEmpty();
    }
}
