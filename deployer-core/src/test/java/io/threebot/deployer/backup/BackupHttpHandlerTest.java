package io.threebot.deployer.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.internal.backup.BackupService;
import io.threebot.deployer.internal.backup.BackupTokens;
import io.threebot.deployer.internal.crypto.NaCl;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.sim.SimulatedClock;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.store.InMemoryStateStore;
import io.threebot.deployer.support.InMemoryBackupServers;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The backup service as a 3Bot reaches it: over HTTP on a real socket. */
class BackupHttpHandlerTest {
    private final SimulatedClock clock = new SimulatedClock();
    private final SimulatedGrid grid = SimulatedGrid.withSampleTopology(clock, Duration.ZERO);
    private final Random random = new Random(3);
    private final BackupTokens tokens = new BackupTokens(new InMemoryStateStore(), clock, random, Duration.ofDays(7));
    private final InMemoryBackupServers servers = new InMemoryBackupServers(List.of("10.0.0.1", "10.0.0.2"));
    private final IdentityKeys bot = IdentityKeys.generate(random);
    private final BackupService service = new BackupService(grid, servers, tokens, IdentityKeys.generate(random));
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        grid.registerUser("alice_mybot", "alice@example.org", bot.publicKeyHex());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/threebot_deployer/actors/backup", new BackupHttpHandler(service));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/threebot_deployer/actors/backup/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpResponse<String> post(String method, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(method)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private String sealed(String password) throws Exception {
        String key = post("public_key", "{}").body();
        byte[] deployer = Base64.getDecoder().decode(key.substring(1, key.length() - 1));
        return Base64.getEncoder().encodeToString(NaCl.box(NaCl.curvePrivateKey(bot.seed()), deployer,
                password.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNewBotGetsItsAccountsAndTheHostsOverHttp() throws Exception {
        String token = tokens.issue("alice_mybot");
        HttpResponse<String> answer = post("init", "{\"threebot_name\":\"alice_mybot.3bot\",\"passwd\":\""
                + sealed("s3cret") + "\",\"new\":true,\"token\":\"" + token + "\"}");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("[\"10.0.0.1\",\"10.0.0.2\"]");
        assertThat(servers.verifyUser("alice_mybot", Secret.of("s3cret"))).isTrue();

        HttpResponse<String> again = post("init", "{\"threebot_name\":\"alice_mybot\",\"passwd\":\""
                + sealed("s3cret") + "\",\"new\":false}");
        assertThat(again.statusCode()).isEqualTo(200);
    }

    @Test
    void errorsMapToStatusCodesWithAReason() throws Exception {
        String token = tokens.issue("alice_mybot");
        String pw = sealed("pw");
        assertThat(post("init", "{\"threebot_name\":\"alice_mybot\",\"passwd\":\"" + pw
                + "\",\"new\":true,\"token\":\"wrong\"}")).satisfies(r -> {
                    assertThat(r.statusCode()).isEqualTo(403);
                    assertThat(r.body()).contains("no valid backup token");
                });
        assertThat(post("init", "{\"threebot_name\":\"nobody_here\",\"passwd\":\"" + pw + "\",\"token\":\"" + token
                + "\"}").statusCode()).isEqualTo(404);
        assertThat(post("init", "{\"threebot_name\":\"alice_mybot\",\"passwd\":\"" + pw + "\",\"new\":false}"))
                .satisfies(r -> {
                    assertThat(r.statusCode()).isEqualTo(400);
                    assertThat(r.body()).contains("3Bot name or password is incorrect");
                });
        assertThat(post("init", "not json").statusCode()).isEqualTo(400);
        assertThat(post("init", "{\"threebot_name\":1}").body()).contains("threebot_name and passwd are required");
        assertThat(post("restore", "{}").statusCode()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(base.resolve("public_key")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        assertThat(servers.hasUser("alice_mybot")).isFalse();
    }
}
