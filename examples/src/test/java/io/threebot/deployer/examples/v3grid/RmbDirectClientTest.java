package io.threebot.deployer.examples.v3grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import io.threebot.deployer.tfgrid.zos.WorkloadResult;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official RMB client judges the relay and the simulated nodes: {@code local-rmb.js} (deployer-grid-adapter's
 * pinned Node setup) creates an ed25519 twin on the local chain, logs in to the relay with
 * {@code @threefold/rmb_direct_client} and calls a node: statistics, a deployment built with
 * {@code @threefold/grid_client}'s classes under a node contract it created, its changes until every workload is
 * ok, get, delete, and a deployment whose hash is not its contract's.
 */
class RmbDirectClientTest {
    private static final long NODE = 2;

    @TempDir
    Path data;

    @Test
    void theOfficialRmbClientDeploysOnASimulatedNodeThroughTheRelay() throws Exception {
        try (LocalV3Grid grid = LocalV3Grid.start(LocalV3GridConfig.builder().chain(LocalTfchainConfig.builder()
                .blockInterval(Duration.ofMillis(200)).activationAmount(BigInteger.valueOf(1000 * TfchainRuntime.ONE_TFT))
                .dataDirectory(data).build()).build())) {
            Path output = data.resolve("node.out");
            Process node = new ProcessBuilder(List.of("node", "local-rmb.js", grid.substrateUrl().toString(),
                    grid.activationUrl().toString(), grid.relayUrl().toString(), String.valueOf(NODE)))
                    .directory(OfficialClients.home().toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean done = node.waitFor(180, TimeUnit.SECONDS);
            if (!done) {
                node.destroyForcibly();
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(done && node.exitValue() == 0).as("local-rmb.js failed:\n" + out).isTrue();
            JsonNode seen = new ObjectMapper().readTree(out.lines().filter(l -> l.startsWith("{\"twinId\""))
                    .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no result from local-rmb.js:\n" + out)));

            SimulatedZosNode simulated = grid.node(NODE).orElseThrow();
            assertThat(seen.path("nodeTwin").asLong()).isEqualTo(simulated.twinId());
            assertThat(seen.path("stats").path("total").path("mru").asLong())
                    .isEqualTo(simulated.node().resources().mru());
            assertThat(seen.path("stats").path("used").path("mru").asLong()).isZero();
            assertThat(seen.path("deploy").isNull()).isTrue();
            assertThat(seen.path("changes").toString()).contains("vm:init", "vm:ok", "net:ok", "disk:ok");
            assertThat(seen.path("get").path("contract_id").asLong()).isEqualTo(seen.path("contractId").asLong());
            assertThat(seen.path("get").path("twin_id").asLong()).isEqualTo(seen.path("twinId").asLong());
            assertThat(seen.path("get").path("workloads").findValuesAsText("state")).containsOnly("ok");
            assertThat(seen.path("get").path("workloads").get(2).path("result").path("data").path("ip").asText())
                    .isEqualTo("10.30.2.5");
            assertThat(seen.path("statsAfter").path("used").path("mru").asLong()).isEqualTo(1L << 30);
            assertThat(seen.path("afterDelete").toString()).contains("vm:deleted", "net:deleted", "disk:deleted");
            assertThat(seen.path("hashMismatch").path("error").asText())
                    .contains("contract hash does not match deployment hash");

            long contractId = seen.path("contractId").asLong();
            assertThat(simulated.deployment(contractId).orElseThrow().state("vm"))
                    .isEqualTo(WorkloadResult.State.DELETED);
            Twin twin = grid.chain().twins().stream().filter(t -> t.id() == seen.path("twinId").asLong())
                    .findFirst().orElseThrow();
            assertThat(twin.relay()).as("the client set its twin's relay from the URL").isPresent();
        }
    }
}
