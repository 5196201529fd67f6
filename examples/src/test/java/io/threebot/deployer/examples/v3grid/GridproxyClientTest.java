package io.threebot.deployer.examples.v3grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
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
 * The official gridproxy client judges the local gridproxy: {@code local-gridproxy.js} (deployer-grid-adapter's
 * pinned Node setup, {@code @threefold/gridproxy_client}) lists nodes, gateways, farms, twins and contracts and reads
 * one node from {@link LocalGridProxy}; what it saw must agree with the chain and the nodes' reports.
 */
class GridproxyClientTest {
    private static final long GIB = 1L << 30;

    @TempDir
    Path data;

    @Test
    void gridproxyClientReadsTheLocalGridproxyAsItReadsTheRealOne() throws Exception {
        FakeNodeUsage usage = new FakeNodeUsage().use(2, new Resources(0, 0, 2, 20 * GIB)).down(4);
        try (LocalTfchain chain = LocalTfchain.start(LocalTfchainConfig.builder().blockInterval(Duration.ofMillis(50))
                .build()); LocalGridProxy proxy = LocalGridProxy.start(chain, usage, 0)) {
            ChainUser alice = ChainUser.withTwin(chain, BigInteger.valueOf(10 * TfchainRuntime.ONE_TFT));
            long vm = alice.nodeContract(1, "0123456789abcdef0123456789abcdef", "{\"type\":\"vm\"}");
            long name = alice.nameContract("mybot");
            alice.send("SmartContractModule", "cancel_contract", vm);

            Path output = data.resolve("node.out");
            Process node = new ProcessBuilder(List.of("node", "local-gridproxy.js", proxy.url().toString(),
                    alice.address(), String.valueOf(alice.twinId()))).directory(OfficialClients.home().toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean done = node.waitFor(60, TimeUnit.SECONDS);
            if (!done) {
                node.destroyForcibly();
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(done && node.exitValue() == 0).as("local-gridproxy.js failed:\n" + out).isTrue();
            JsonNode seen = new ObjectMapper().readTree(out.lines().filter(l -> l.startsWith("{"))
                    .reduce((a, b) -> b).orElseThrow());

            assertThat(seen.path("upCount").asInt()).isEqualTo(chain.nodes().size() - 1);
            assertThat(seen.path("firstPage").toString()).isEqualTo("[1,2,3,5,6]");
            List<Long> roomy = chain.nodes().stream().filter(n -> n.farmId() <= 2 && n.id() != 4
                    && n.resources().mru() - usage.used(n.id()).mru() >= 16 * GIB).map(Node::id).toList();
            assertThat(seen.path("roomy").toString()).isEqualTo(roomy.toString().replace(" ", ""));
            assertThat(roomy).doesNotContain(2L, 4L);
            Node first = chain.nodes().get(0);
            assertThat(seen.path("node").path("twinId").asLong()).isEqualTo(first.twinId());
            assertThat(seen.path("node").path("farmName").asText()).isEqualTo("freefarm");
            assertThat(seen.path("node").path("twinAccount").asText()).isEqualTo(ProxyViews.accountId(
                    chain.twins().stream().filter(t -> t.id() == first.twinId()).findFirst().orElseThrow()));
            assertThat(seen.path("node").path("totalMru").asLong()).isEqualTo(first.resources().mru());
            assertThat(seen.path("gateways").toString()).isEqualTo("[\"3bot.grid.tf\",\"3bot.toronto.grid.tf\"]");
            assertThat(seen.path("farmCount").asInt()).isEqualTo(5);
            assertThat(seen.path("farms").get(0).path("freeIps").asInt()).isEqualTo(2);
            assertThat(seen.path("twins").get(0).path("id").asLong()).isEqualTo(alice.twinId());
            assertThat(seen.path("twins").get(0).path("mine").asBoolean()).isTrue();
            assertThat(seen.path("twins").get(0).path("relay").asText()).isEqualTo("relay.local");
            assertThat(seen.path("contractCount").asInt()).isEqualTo(2);
            assertThat(seen.path("contracts").get(0).path("id").asLong()).isEqualTo(vm);
            assertThat(seen.path("contracts").get(0).path("state").asText()).isEqualTo("Deleted");
            assertThat(seen.path("contracts").get(0).path("details").path("deployment_hash").asText())
                    .isEqualTo("0123456789abcdef0123456789abcdef");
            assertThat(seen.path("contracts").get(1).path("id").asLong()).isEqualTo(name);
            assertThat(seen.path("contracts").get(1).path("details").path("name").asText()).isEqualTo("mybot");
            assertThat(seen.path("stats").path("twins").asInt()).isEqualTo(chain.twins().size());
        }
    }
}
