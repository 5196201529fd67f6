package io.threebot.deployer.examples.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.internal.store.Json;
import io.threebot.deployer.store.InMemoryStateStore;
import io.threebot.deployer.testing.CuttableStore;
import io.threebot.deployer.testing.TestWorld;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** While the deployer's database is away, the host answers at once that it is, and when to try again. */
class StoreOutageAnswersTest {
    private final CuttableStore database = new CuttableStore(new InMemoryStateStore());
    private final TestWorld world = TestWorld.sampleOn(database);
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

    private HttpResponse<String> call(String method, String path) throws Exception {
        BrowserSession.Login login = browser.as("alice.3bot");
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10))
                .header("Cookie", login.cookie()).header(WebLogin.CSRF_HEADER, login.csrf()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requestsDuringAnOutageAre503WithRetryAfterAtOnceAndServedOnceItIsBack() throws Exception {
        browser.as("alice.3bot"); // logged in before: the host's own sessions are kept elsewhere
        database.cut();

        for (String[] request : new String[][] {{"GET", "/threebots"}, {"POST", "/chats/deploy"}}) {
            long began = System.nanoTime();
            HttpResponse<String> answer = call(request[0], request[1]);
            Duration took = Duration.ofNanos(System.nanoTime() - began);

            assertThat(answer.statusCode()).as(request[1]).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).contains("5");
            assertThat(Json.mapper().readTree(answer.body()).get("error").asText())
                    .isEqualTo("the deployer's database is unavailable; try again in 5 seconds");
            assertThat(answer.body()).doesNotContain("cut off");
            assertThat(took).as("refused at once, not held for the outage").isLessThan(Duration.ofSeconds(2));
        }

        database.reconnect();
        HttpResponse<String> listed = call("GET", "/threebots");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).isEqualTo("[]");
    }
}
