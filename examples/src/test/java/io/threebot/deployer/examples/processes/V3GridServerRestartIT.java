package io.threebot.deployer.examples.processes;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.examples.v3grid.JavaGridUser;
import io.threebot.deployer.examples.v3grid.SampleDeployments;
import io.threebot.deployer.examples.v3grid.V3GridServer;
import io.threebot.deployer.tfgrid.chain.Contract;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.proxy.GridNode;
import io.threebot.deployer.tfgrid.proxy.GridProxyClient;
import io.threebot.deployer.tfgrid.proxy.NodeFilter;
import io.threebot.deployer.tfgrid.proxy.NodeStatus;
import io.threebot.deployer.tfgrid.proxy.PageRequest;
import io.threebot.deployer.tfgrid.zos.Deployment;
import io.threebot.deployer.tfgrid.zos.Workload;
import io.threebot.deployer.tfgrid.zos.WorkloadResult;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local v3 grid in its own process, stopped the hard way and the polite way, resumes from its data directory:
 * what a user made before (twin, node contract, the node's deployment and its workloads' states, the account's nonce)
 * is there after a {@code kill -9} and after a SIGTERM, and the chain goes on from where it was (new extrinsics take
 * the next nonce; cancelling then deletes the node's workloads).
 */
class V3GridServerRestartIT {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private record Urls(URI substrate, URI activation, URI relay, URI proxy) {
    }

    private JvmProcess start(int run) {
        return JvmProcess.start(V3GridServer.class, List.of("--data-dir", dir.resolve("grid").toString(),
                "--block-ms", "200", "--workload-ms", "100", "--activation-tft", "1000"), Map.of(), dir.resolve("grid-" + run + ".log"));
    }

    private static Urls urls(JvmProcess server) throws InterruptedException {
        return new Urls(URI.create(server.await(Pattern.compile("^substrate (\\S+)", Pattern.MULTILINE), START)),
                URI.create(server.await(Pattern.compile("^activation (\\S+)", Pattern.MULTILINE), START)),
                URI.create(server.await(Pattern.compile("^relay (\\S+)", Pattern.MULTILINE), START)),
                URI.create(server.await(Pattern.compile("^gridproxy (\\S+)", Pattern.MULTILINE), START)));
    }

    private static GridNode someNode(Urls urls) {
        GridProxyClient proxy = GridProxyClient.builder().baseUrl(urls.proxy()).build();
        return proxy.nodes(NodeFilter.builder().status(NodeStatus.UP).build(), PageRequest.first(1)).items().get(0);
    }

    @Test
    void whatAUserMadeSurvivesAKillAndATermAndTheChainGoesOnFromThere() throws Exception {
        Ed25519KeyPair key = JavaGridUser.newKey();
        long twin;
        long contractId;
        long nonce;
        long secondId;
        GridNode node;
        Deployment sent;
        try (JvmProcess server = start(1)) {
            Urls urls = urls(server);
            JavaGridUser.activate(urls.activation(), key.address());
            try (JavaGridUser user = JavaGridUser.withTwin(urls.substrate(), urls.relay(), key)) {
                twin = user.twinId();
                node = someNode(urls);
                sent = user.contract(node.nodeId(), SampleDeployments.vm(twin, "{\"type\":\"vm\"}", "10.20.2.5"));
                contractId = sent.contractId();
                user.deploy(node.twinId(), sent);
                user.awaitOk(node.twinId(), contractId, Duration.ofSeconds(30));
                nonce = user.chain().nonce(key.address());
            }
            server.kill();
        }

        try (JvmProcess server = start(2)) {
            Urls urls = urls(server);
            try (JavaGridUser user = JavaGridUser.existing(urls.substrate(), urls.relay(), key)) {
                assertThat(user.twinId()).as("the twin, after kill -9").isEqualTo(twin);
                assertThat(user.chain().nonce(key.address())).as("the account's nonce").isEqualTo(nonce);
                Contract contract = user.chain().contract(contractId).orElseThrow();
                assertThat(contract.state()).isEqualTo(Contract.State.CREATED);
                assertThat(contract.twinId()).isEqualTo(twin);
                Deployment kept = user.zos(node.twinId()).get(contractId, JavaGridUser.CALL_DEADLINE)
                        .get(30, TimeUnit.SECONDS);
                assertThat(kept.challengeHashHex()).as("the node kept the deployment").isEqualTo(
                        sent.challengeHashHex());
                assertThat(kept.workloads()).extracting(JavaGridUser::state)
                        .containsOnly(WorkloadResult.State.OK);

                // the chain goes on: the next extrinsic takes the next nonce
                Deployment second = user.contract(node.nodeId(), SampleDeployments.vm(twin, "{\"type\":\"vm2\"}",
                        "10.20.2.6"));
                secondId = second.contractId();
                assertThat(secondId).isGreaterThan(contractId);
                assertThat(user.chain().nonce(key.address())).isEqualTo(nonce + 1);
                user.cancel(contractId);
                awaitDeleted(user, node.twinId(), contractId);
                assertThat(user.chain().contract(contractId)).isEmpty();
            }
            server.terminate();
            assertThat(server.output()).doesNotContain("Exception in thread");
        }

        try (JvmProcess server = start(3)) {
            Urls urls = urls(server);
            try (JavaGridUser user = JavaGridUser.existing(urls.substrate(), urls.relay(), key)) {
                assertThat(user.chain().nonce(key.address())).as("after SIGTERM").isEqualTo(nonce + 2);
                assertThat(user.chain().contract(contractId)).as("a cancelled contract is removed, as on tfchain")
                        .isEmpty();
                assertThat(user.chain().contract(secondId).orElseThrow().state()).isEqualTo(Contract.State.CREATED);
            }
        }
    }

    private static void awaitDeleted(JavaGridUser user, long nodeTwin, long contractId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<Workload> changes = user.zos(nodeTwin).changes(contractId, JavaGridUser.CALL_DEADLINE)
                    .get(30, TimeUnit.SECONDS);
            if (!changes.isEmpty() && changes.subList(Math.max(0, changes.size() - 3), changes.size()).stream()
                    .allMatch(w -> JavaGridUser.state(w) == WorkloadResult.State.DELETED)) {
                return;
            }
            assertThat(System.nanoTime()).as("the node deletes the cancelled contract's workloads: " + changes)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
