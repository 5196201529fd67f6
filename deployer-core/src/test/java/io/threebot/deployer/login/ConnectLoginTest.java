package io.threebot.deployer.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.errors.DeployerException.Reason;
import io.threebot.deployer.internal.crypto.NaCl;
import io.threebot.deployer.login.LoginRefusedException.Why;
import io.threebot.deployer.sim.SimulatedClock;
import io.threebot.deployer.testkit.SimulatedConnectService;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectLoginTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SimulatedConnectService service = SimulatedConnectService.start()
            .addUser("alice.3bot", "alice@example.org").addUser("bob.3bot", "bob@example.org").loginAs("alice.3bot");
    private final IdentityKeys appKeys = IdentityKeys.generate(new SecureRandom());
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-11-30T10:00:00Z"));
    private final ConnectLogin login = ConnectLogin.builder(service.url(), "deployer.example.org",
            URI.create("http://127.0.0.1:8080/auth/callback"), appKeys).clock(clock).build();

    @AfterEach
    void stop() {
        service.close();
    }

    private String appPublicKey() {
        return Base64.getEncoder().encodeToString(NaCl.curvePublicKeyOf(NaCl.curvePrivateKey(appKeys.seed())));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    @Test
    void aUserLogsInThroughTheServicesPageAndTheCallback() throws Exception {
        LoginRedirect go = login.start();
        Map<String, String> asked = query(go.location());
        assertThat(go.state()).hasSizeGreaterThanOrEqualTo(20).isEqualTo(asked.get("state"));
        assertThat(asked).containsEntry("appid", "deployer.example.org")
                .containsEntry("redirecturl", "http://127.0.0.1:8080/auth/callback")
                .containsEntry("publickey", appPublicKey());
        assertThat(JSON.readTree(asked.get("scope")).path("email").asBoolean()).isTrue();
        assertThat(login.start().state()).as("a new state every time").isNotEqualTo(go.state());

        HttpResponse<Void> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(go.location()).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(page.statusCode()).isEqualTo(302);
        URI callback = URI.create(page.headers().firstValue("Location").orElseThrow());
        assertThat(callback.getPath()).isEqualTo("/auth/callback");

        ConnectUser user = login.finish(query(callback).get("signedAttempt"), go.state());
        assertThat(user.doubleName()).isEqualTo("alice.3bot");
        assertThat(user.email()).isEqualTo("alice@example.org");
        assertThat(user.emailVerifier()).contains("sei-alice.3bot");
    }

    @Test
    void aStateIsThisSessionsOnlyUsedOnceAndGoodForTenMinutes() {
        LoginRedirect mine = login.start();
        LoginRedirect other = login.start();
        String attempt = service.signedAttempt("alice.3bot", mine.state(), appPublicKey());

        refused(() -> login.finish(attempt, other.state()), Why.STATE_MISMATCH);
        refused(() -> login.finish(attempt, null), Why.STATE_MISMATCH);
        assertThat(login.finish(attempt, mine.state()).doubleName()).isEqualTo("alice.3bot");
        refused(() -> login.finish(attempt, mine.state()), Why.REPLAYED);
        String forged = service.signedAttempt("alice.3bot", "made-up-state-of-32-characters-xx", appPublicKey());
        refused(() -> login.finish(forged, "made-up-state-of-32-characters-xx"), Why.REPLAYED);

        LoginRedirect slow = login.start();
        clock.advance(Duration.ofMinutes(11));
        refused(() -> login.finish(service.signedAttempt("alice.3bot", slow.state(), appPublicKey()), slow.state()),
                Why.EXPIRED);
    }

    @Test
    void aForgedTamperedOrMisaddressedAttemptLogsNobodyIn() throws Exception {
        LoginRedirect go = login.start();
        ObjectNode genuine = (ObjectNode) JSON.readTree(service.signedAttempt("bob.3bot", go.state(),
                appPublicKey()));

        ObjectNode asAlice = genuine.deepCopy().put("doubleName", "alice.3bot");
        refused(() -> login.finish(asAlice.toString(), go.state()), Why.BAD_SIGNATURE);

        byte[] signed = Base64.getDecoder().decode(genuine.get("signedAttempt").asText());
        signed[signed.length - 3] ^= 1;
        ObjectNode tampered = genuine.deepCopy().put("signedAttempt", Base64.getEncoder().encodeToString(signed));
        refused(() -> login.finish(tampered.toString(), go.state()), Why.BAD_SIGNATURE);

        String otherApp = Base64.getEncoder().encodeToString(NaCl.curvePublicKeyOf(NaCl.curvePrivateKey(
                IdentityKeys.generate(new SecureRandom()).seed())));
        LoginRedirect another = login.start();
        refused(() -> login.finish(service.signedAttempt("bob.3bot", another.state(), otherApp), another.state()),
                Why.UNDECRYPTABLE);

        ObjectNode stranger = genuine.deepCopy().put("doubleName", "mallory.3bot");
        refused(() -> login.finish(stranger.toString(), go.state()), Why.UNKNOWN_USER);

        for (String broken : new String[] {null, "", "not json", "{}", "{\"doubleName\":\"bob.3bot\"}",
                "{\"doubleName\":\"bob.3bot\",\"signedAttempt\":\"***\"}"}) {
            refused(() -> login.finish(broken, go.state()), Why.MISSING_FIELD);
        }
        assertThat(login.finish(genuine.toString(), go.state()).doubleName())
                .as("refusals before the state check leave it for the genuine attempt").isEqualTo("bob.3bot");
    }

    @Test
    void aLoginServiceThatDoesNotAnswerIsReportedAsUnavailable() {
        LoginRedirect go = login.start();
        String attempt = service.signedAttempt("alice.3bot", go.state(), appPublicKey());
        service.close();
        assertThatThrownBy(() -> login.finish(attempt, go.state())).isInstanceOf(LoginRefusedException.class)
                .satisfies(e -> {
                    assertThat(((LoginRefusedException) e).why()).isEqualTo(Why.SERVICE_UNAVAILABLE);
                    assertThat(((LoginRefusedException) e).reason()).isEqualTo(Reason.UNAVAILABLE);
                });
    }

    private static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Why why) {
        assertThatThrownBy(call).isInstanceOf(LoginRefusedException.class)
                .satisfies(e -> assertThat(((LoginRefusedException) e).why()).as(e.getMessage()).isEqualTo(why))
                .satisfies(e -> assertThat(((LoginRefusedException) e).reason()).isEqualTo(Reason.FORBIDDEN));
    }
}
