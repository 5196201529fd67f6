package io.threebot.deployer.examples.v3grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V3GridServer serves grid discovery beside its chain, with what its simulated nodes report, and stops it with the
 * rest.
 */
class V3GridServerDiscoveryTest {
    @TempDir
    Path data;

    @Test
    void theServerServesGridproxyAndGraphqlOverItsChainUntilClosed() throws Exception {
        URI proxy;
        URI graphql;
        try (V3GridServer server = V3GridServer.start(LocalTfchainConfig.builder()
                .blockInterval(Duration.ofMillis(100)).dataDirectory(data).build(), 0, 0)) {
            proxy = server.proxyUrl();
            graphql = server.graphqlUrl();
            assertThat(HttpGet.get(proxy, "/nodes?ret_count=true").count())
                    .isEqualTo(String.valueOf(server.chain().nodes().size()));
            assertThat(HttpGet.post(graphql, "{\"query\": \"query { items: twinsConnection { count: totalCount } }\"}")
                    .body().path("data").path("items").path("count").asInt())
                    .isEqualTo(server.chain().twins().size());
        }
        assertThatThrownBy(() -> HttpGet.get(proxy, "/ping")).isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> HttpGet.post(graphql, "{}")).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void gridproxyReportsASimulatedNodeDownWhileItIsOfflineAndUpAgainAfter() throws Exception {
        try (V3GridServer server = V3GridServer.start(LocalTfchainConfig.builder()
                .blockInterval(Duration.ofMillis(100)).build(), 0, 0)) {
            SimulatedZosNode node = server.grid().nodes().get(0);
            assertThat(HttpGet.get(server.proxyUrl(), "/nodes/" + node.nodeId()).body().path("status").asText())
                    .isEqualTo("up");
            node.setOffline(true);
            assertThat(HttpGet.get(server.proxyUrl(), "/nodes/" + node.nodeId()).body().path("status").asText())
                    .isEqualTo("down");
            node.setOffline(false);
            assertThat(HttpGet.get(server.proxyUrl(), "/nodes/" + node.nodeId()).body().path("status").asText())
                    .isEqualTo("up");
        }
    }
}
