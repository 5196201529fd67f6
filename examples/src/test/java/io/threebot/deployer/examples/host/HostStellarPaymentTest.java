package io.threebot.deployer.examples.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.examples.StellarDemo;
import io.threebot.deployer.internal.store.Json;
import io.threebot.deployer.stellar.StellarUserPayments;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The example host with the Stellar wallet ({@code --wallet stellar}): the chat's payment step carries a SEP-7 URI
 * and its QR code, a demo user pays it with a Stellar transaction through the SDK, and the deploy goes on.
 */
class HostStellarPaymentTest {
    private static final Set<String> SHOWN_ONLY = Set.of("md_show", "confirm", "download_file");

    private final TestWorld world = TestWorld.sample();
    private final StellarDemo stellar = StellarDemo.start(Optional.empty(), Map.of());
    private final StellarUserPayments wallet = stellar.userPayments(world.store);
    private final ThreebotDeployer deployer = world.builder(TestWorld.fastSettings().build())
            .userPayments(stellar.autoPaying(wallet, Duration.ofMillis(200))).build().start();
    private final HostUnderTest host = HostUnderTest.start(deployer);
    private final BrowserSession browser = host.browser();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        host.close();
        deployer.close();
        wallet.close();
        stellar.close();
    }

    private JsonNode call(String method, String path, String body) throws Exception {
        BrowserSession.Login login = browser.as("alice.3bot");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Cookie", login.cookie()).header(WebLogin.CSRF_HEADER, login.csrf());
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return Json.mapper().readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void thePaymentStepShowsAStellarPaymentUriAndTheDeployGoesOnOnceTheUserPaidOnStellar() throws Exception {
        long before = stellar.userTft();
        JsonNode message = call("POST", "/chats/deploy", null);
        String session = message.get("session").asText();
        JsonNode payment = null;
        for (int guard = 0; guard < 80; guard++) {
            String category = message.get("payload").get("category").asText();
            if (category.equals("end") || category.equals("error")) {
                break;
            }
            if (category.equals("qrcode_show")) {
                payment = message.get("payload").get("kwargs");
            }
            if (category.equals("md_show_update")) {
                message = call("GET", "/chats/" + session + "/next", null);
                continue;
            }
            String key = message.get("payload").get("kwargs").path("key").asText("");
            String value = SHOWN_ONLY.contains(category) || category.equals("qrcode_show") ? ""
                    : ChatDriver.DEFAULTS.getOrDefault(key, "");
            message = call("POST", "/chats/" + session + "/answer",
                    Json.mapper().writeValueAsString(Map.of("value", value)));
        }

        assertThat(message.get("payload").get("category").asText()).as(message.toString()).isEqualTo("end");
        assertThat(payment).isNotNull();
        assertThat(payment.get("data").asText()).isEqualTo("web+stellar:pay?destination="
                + wallet.operatorAccount() + "&amount=" + payment.get("amount").asText() + "&asset_code=TFT"
                + "&asset_issuer=" + stellar.tftIssuer()
                + "&memo=" + payment.get("memo").asText() + "&memo_type=MEMO_TEXT");
        assertThat(Base64.getDecoder().decode(payment.get("qrcode").asText())).startsWith(0x89, 'P', 'N', 'G');
        long paid = new java.math.BigDecimal(payment.get("amount").asText()).movePointRight(7).longValueExact();
        assertThat(stellar.userTft()).isEqualTo(before - paid);
    }
}
