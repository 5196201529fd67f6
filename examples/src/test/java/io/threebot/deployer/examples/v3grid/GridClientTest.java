package io.threebot.deployer.examples.v3grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main check, as far as the local grid serves it: the official {@code @threefold/grid_client}
 * ({@code local-grid-client.js}) with a new ed25519 mnemonic connects to {@link V3GridServer}'s tfchain and relay and
 * deploys a VM with a network and a gateway name. Until the local grid serves gridproxy and GraphQL the script points
 * the client at a recorder for them: connecting must succeed, and the deployment then stops at the first request the
 * recorder cannot answer, which this test reports (aborted, with every request the client made of them). With
 * {@code -Dv3grid.proxyUrl} and {@code -Dv3grid.graphqlUrl} the client uses those, and the deployment must succeed.
 */
class GridClientTest {
    private static final Path NODE_DIR = Path.of("..", "deployer-grid-adapter", "src", "test", "node");

    @TempDir
    Path data;

    @Test
    void theOfficialGridClientConnectsAndDeploysAVmWithAGatewayName() throws Exception {
        assertThat(NODE_DIR.resolve("node_modules/@threefold/grid_client")).as("npm ci in " + NODE_DIR + " first")
                .exists();
        try (V3GridServer server = V3GridServer.start(LocalV3GridConfig.builder().chain(LocalTfchainConfig.builder()
                .blockInterval(Duration.ofMillis(200)).activationAmount(java.math.BigInteger.valueOf(
                        1000 * TfchainRuntime.ONE_TFT)).dataDirectory(data).build()).build())) {
            List<String> command = new ArrayList<>(List.of("node", "local-grid-client.js",
                    server.substrateUrl().toString(), server.activationUrl().toString(),
                    server.relayUrl().toString(), "2", "10"));
            String proxy = System.getProperty("v3grid.proxyUrl");
            String graphql = System.getProperty("v3grid.graphqlUrl");
            if (proxy != null && graphql != null) {
                command.addAll(List.of(proxy, graphql));
            }
            Path output = data.resolve("node.out");
            Process node = new ProcessBuilder(command).directory(NODE_DIR.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            boolean done = node.waitFor(300, TimeUnit.SECONDS);
            if (!done) {
                node.destroyForcibly();
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(done && node.exitValue() == 0).as("local-grid-client.js failed:\n" + out).isTrue();
            JsonNode seen = new ObjectMapper().readTree(out.lines().filter(l -> l.startsWith("{\"steps\""))
                    .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no result:\n" + out)));

            assertThat(seen.path("steps").toString()).as(seen.toString()).contains("connected");
            if (proxy == null && seen.has("error")) {
                Assumptions.abort("grid_client connected; gridproxy and GraphQL are not served yet. It stopped at: "
                        + seen.path("error").asText() + "\nit asked: " + seen.path("asked"));
            }
            assertThat(seen.has("error")).as(seen.toString()).isFalse();
            assertThat(seen.path("steps").toString()).contains("vm deployed", "gateway deployed");
            assertThat(server.grid().resolve("localbot.3bot.grid.tf")).isPresent();
        }
    }
}
