package io.threebot.deployer.examples.v3grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official client judges the local chain: a {@code @polkadot/api} script (deployer-grid-adapter's pinned Node
 * setup, {@code local-chain.js}) connects to {@link V3GridServer}, reads farms, nodes, twins and contracts, activates
 * an ed25519 account and signs and sends {@code user_accept_tc}, {@code create_twin}, {@code create_node_contract},
 * {@code create_name_contract} and {@code cancel_contract}, waiting for each to be in a block; the chain's own state
 * must agree with what it saw.
 */
class PolkadotClientTest {

    @TempDir
    Path data;

    @Test
    void polkadotJsReadsAndWritesTheLocalChainAsItDoesTfchain() throws Exception {
        try (V3GridServer server = V3GridServer.start(LocalTfchainConfig.builder()
                .blockInterval(Duration.ofMillis(200)).dataDirectory(data).build(), 0, 0)) {
            Path output = data.resolve("node.out");
            Process node = new ProcessBuilder(List.of("node", "local-chain.js", server.substrateUrl().toString(),
                    server.activationUrl().toString())).directory(OfficialClients.home().toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            boolean done = node.waitFor(120, TimeUnit.SECONDS);
            if (!done) {
                node.destroyForcibly();
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(done && node.exitValue() == 0).as("local-chain.js failed:\n" + out).isTrue();
            String line = out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
            JsonNode seen = new ObjectMapper().readTree(line);

            LocalTfchain chain = server.chain();
            assertThat(seen.path("genesis").asText()).isEqualTo(chain.genesisHash());
            assertThat(seen.path("farms")).hasSize(chain.farms().size());
            assertThat(seen.path("nodes")).hasSize(chain.nodes().size());
            assertThat(seen.path("nodes").findValuesAsText("domain")).contains("3bot.grid.tf",
                    "3bot.toronto.grid.tf");
            assertThat(seen.path("twinBeforeTc").path("error").asText())
                    .isEqualTo("tfgridModule.UserDidNotSignTermsAndConditions");
            assertThat(seen.path("createTwin").path("events").toString()).contains("tfgridModule.TwinStored");
            assertThat(seen.path("sameHashAgain").path("error").asText())
                    .isEqualTo("smartContractModule.ContractIsNotUnique");
            assertThat(seen.path("strangerCancel").path("error").asText())
                    .isEqualTo("smartContractModule.TwinNotAuthorizedToCancelContract");
            assertThat(seen.path("cancel").path("events").toString())
                    .contains("smartContractModule.NodeContractCanceled");

            String address = seen.path("address").asText();
            Twin twin = chain.twinOf(address).orElseThrow();
            assertThat(seen.path("twin").path("id").asLong()).isEqualTo(twin.id());
            assertThat(twin.relay()).contains("relay.grid.local");
            assertThat(chain.contracts()).extracting(Contract::name).containsExactly("mybot");
            assertThat(seen.path("contractsAfter").get(0).asLong()).isEqualTo(chain.contracts().get(0).id());
            assertThat(chain.balance(address).nonce()).isEqualTo(seen.path("nonce").asLong()).isEqualTo(7);
            assertThat(chain.balance(address).free()).isLessThan(chain.config().activationAmount());
        }
    }
}
