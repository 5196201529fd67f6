package io.threebot.deployer.examples.v3grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main check: the official {@code @threefold/grid_client}, unchanged ({@code local-grid-client.js}),
 * pointed at {@link V3GridServer}'s tfchain, relay, gridproxy and GraphQL with a new ed25519 mnemonic, deploys a VM
 * with a network on a node and a gateway name on a gateway node, lists and reads them (every workload {@code ok}),
 * the name leads to the VM in the simulated reachability, and deleting everything leaves no contract of its twin.
 * A request the local grid does not serve fails the test with what the client asked.
 */
class GridClientTest {
    private static final long VM_NODE = 2;
    private static final long GATEWAY_NODE = 10;
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(240);
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void theOfficialGridClientDeploysAVmWithAGatewayNameAndDeletesThem() throws Exception {
        // billing runs on a fast clock: the twin gets enough never to reach its grace period during the test
        try (V3GridServer server = V3GridServer.start(LocalV3GridConfig.builder().chain(LocalTfchainConfig.builder()
                .blockInterval(Duration.ofMillis(200)).activationAmount(BigInteger.valueOf(
                        100_000 * TfchainRuntime.ONE_TFT)).dataDirectory(data).build()).build())) {
            Process node = new ProcessBuilder("node", "local-grid-client.js", server.substrateUrl().toString(),
                    server.activationUrl().toString(), server.relayUrl().toString(), server.proxyUrl().toString(),
                    server.graphqlUrl().toString(), String.valueOf(VM_NODE), String.valueOf(GATEWAY_NODE))
                    .directory(OfficialClients.home().toFile()).redirectErrorStream(true).start();
            StringBuffer log = new StringBuffer();
            BlockingQueue<String> results = new LinkedBlockingQueue<>();
            Thread reader = readLines(node, log, results);
            long deadline = System.nanoTime() + SCRIPT_TIMEOUT.toNanos();
            try {
                JsonNode first = next(results, deadline, log);
                Optional<LocalV3Grid.NameRoute> route = Optional.empty();
                if (first.has("fqdn")) {
                    // the deployments are up: follow the name before the script deletes them
                    route = server.grid().resolve(first.path("fqdn").asText());
                    try (OutputStream in = node.getOutputStream()) {
                        in.write("go\n".getBytes(StandardCharsets.US_ASCII));
                    }
                }
                JsonNode seen = first.has("steps") ? first : next(results, deadline, log);

                assertThat(seen.path("unserved")).as("the local grid did not serve what grid_client asked:\n"
                        + seen.path("unserved").toPrettyString()).isEmpty();
                assertThat(seen.has("error")).as("grid_client stopped: " + seen.path("error").asText()
                        + "\n" + seen.toPrettyString()).isFalse();
                assertThat(texts(seen.path("steps"))).containsExactly("twin created", "connected", "vm deployed",
                        "gateway deployed", "listed", "read", "deleted");

                JsonNode vm = seen.path("vm").path(0);
                assertThat(vm.path("status").asText()).isEqualTo("ok");
                assertThat(vm.path("nodeId").asLong()).isEqualTo(VM_NODE);
                assertThat(vm.path("interfaces").path(0).path("network").asText()).isEqualTo("localnet");
                JsonNode gateway = seen.path("gateway").path(0);
                assertThat(gateway.path("status").asText()).isEqualTo("ok");
                String domain = server.chain().nodes().stream().filter(n -> n.id() == GATEWAY_NODE).findFirst()
                        .orElseThrow().publicConfig().orElseThrow().domain().orElseThrow();
                assertThat(gateway.path("domain").asText()).isEqualTo("localbot." + domain);
                assertThat(texts(seen.path("machinesList"))).containsExactly("localvm");
                assertThat(texts(seen.path("gatewaysList"))).containsExactly("localbot");
                assertThat(seen.path("deployments")).hasSize(2);
                for (JsonNode deployment : seen.path("deployments")) {
                    assertThat(deployment.path("twinId").asLong()).isEqualTo(seen.path("twinId").asLong());
                    for (JsonNode workload : deployment.path("workloads")) {
                        assertThat(workload.path("state").asText()).as(deployment.toString()).isEqualTo("ok");
                    }
                }

                assertThat(route).as("the gateway name resolves").isPresent();
                assertThat(route.get().gatewayNodeId()).isEqualTo(GATEWAY_NODE);
                assertThat(route.get().machine()).as("the name leads to the VM").isPresent();
                assertThat(route.get().machine().get().nodeId()).isEqualTo(VM_NODE);
                assertThat(route.get().machine().get().contractId()).isEqualTo(vm.path("contractId").asLong());
                assertThat(route.get().machine().get().ip()).isEqualTo(vm.path("planetary").asText());

                assertThat(seen.path("machinesAfter")).isEmpty();
                assertThat(seen.path("gatewaysAfter")).isEmpty();
                long twinId = seen.path("twinId").asLong();
                assertThat(server.chain().contracts()).as("contracts of twin " + twinId + " after deleting")
                        .noneMatch(c -> c.twinId() == twinId);
                assertThat(server.grid().resolve(first.path("fqdn").asText())).isEmpty();
                assertThat(node.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(node.exitValue()).as(log.toString()).isZero();
            } finally {
                node.destroyForcibly();
                reader.join(5000);
            }
        }
    }

    private static Thread readLines(Process node, StringBuffer log, BlockingQueue<String> results) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    log.append(line).append('\n');
                    if (line.startsWith("{\"fqdn\"") || line.startsWith("{\"steps\"")) {
                        results.add(line);
                    }
                }
            } catch (java.io.IOException e) {
                log.append("reading the script's output failed: ").append(e).append('\n');
            }
        }, "grid-client-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private JsonNode next(BlockingQueue<String> results, long deadline, StringBuffer log) throws Exception {
        String line = results.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        assertThat(line).as("local-grid-client.js gave no result in " + SCRIPT_TIMEOUT + ":\n" + log).isNotNull();
        return json.readTree(line);
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
