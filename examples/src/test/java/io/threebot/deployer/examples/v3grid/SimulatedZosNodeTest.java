package io.threebot.deployer.examples.v3grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threebot.deployer.tfgrid.rmb.Envelope;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import io.threebot.deployer.tfgrid.zos.Deployment;
import io.threebot.deployer.tfgrid.zos.GatewayNameProxy;
import io.threebot.deployer.tfgrid.zos.Network;
import io.threebot.deployer.tfgrid.zos.Workload;
import io.threebot.deployer.tfgrid.zos.WorkloadResult;
import io.threebot.deployer.tfgrid.zos.WorkloadResult.State;
import io.threebot.deployer.tfgrid.zos.ZMachine;
import io.threebot.deployer.tfgrid.zos.ZMount;
import io.threebot.deployer.tfgrid.zos.ZosJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulated zos nodes called over the local relay as a client calls zos: deployments checked against their contract
 * and signatures, workloads through their states, resources taken and given back, contracts followed, faults.
 */
class SimulatedZosNodeTest {
    private static final Duration REPLY = Duration.ofSeconds(10);
    private static final long GIB = 1L << 30;
    private static final long NODE = 1;
    private static final long GATEWAY = 10; // gw-ghent-1, domain 3bot.grid.tf
    private final ObjectMapper json = new ObjectMapper();
    private LocalV3Grid grid;
    private GridTestUser user;

    @TempDir
    Path data;

    private void start() throws Exception {
        grid = LocalV3Grid.start(LocalV3GridConfig.builder().chain(LocalTfchainConfig.builder()
                        .blockInterval(Duration.ofMillis(50)).dataDirectory(data).build())
                .workloadDelay(Duration.ofMillis(100)).workloadDelay(ZMachine.TYPE, Duration.ofMillis(400)).build());
        user = GridTestUser.create(grid).connect();
    }

    @AfterEach
    void stop() {
        if (user != null) {
            user.close();
        }
        if (grid != null) {
            grid.close();
        }
    }

    private static Deployment vm(long twinId, String metadata) {
        return Deployment.of(twinId, metadata, "a vm", List.of(
                Workload.of(0, "net", new Network("10.20.0.0/16", "10.20.2.0/24", "a2V5", 7777, List.of(), null),
                        "", ""),
                Workload.of(0, "disk", new ZMount(10 * GIB), "", ""),
                Workload.of(0, "vm", new ZMachine("https://hub.grid.tf/tf-official-apps/base:latest.flist",
                        new ZMachine.MachineNetwork("", true, null, List.of(new ZMachine.Interface("net",
                                "10.20.2.2"))), 5 * GIB, new ZMachine.ComputeCapacity(2, 2 * GIB),
                        List.of(new ZMachine.Mount("disk", "/data")), "/sbin/zinit init", Map.of(), false,
                        List.of()), "", "")));
    }

    private SimulatedZosNode node(long id) {
        return grid.node(id).orElseThrow();
    }

    private Envelope call(long node, String command, String body) throws InterruptedException {
        Envelope reply = user.call(node(node).twinId(), command, body, REPLY);
        assertThat(reply).as("a reply to " + command).isNotNull();
        assertThat(reply.source().twin()).isEqualTo(node(node).twinId());
        byte[] nodeKey = HexFormat.of().parseHex(grid.chain().snapshot().twins().get(node(node).twinId()).account());
        assertThat(reply.verifies(nodeKey)).as("signed by the node's twin").isTrue();
        return reply;
    }

    private JsonNode ok(long node, String command, String body) throws Exception {
        Envelope reply = call(node, command, body);
        assertThat(reply.message()).as(String.valueOf(reply.message())).isInstanceOf(Envelope.Response.class);
        return json.readTree(reply.payload().bytes());
    }

    private String refused(long node, String command, String body) throws Exception {
        Envelope reply = call(node, command, body);
        assertThat(reply.message()).isInstanceOf(Envelope.ErrorReply.class);
        return ((Envelope.ErrorReply) reply.message()).message();
    }

    private Deployment deploy(long node, Deployment deployment) throws Exception {
        Deployment signed = user.contract(node, deployment).signed(user.twinId, user.key);
        assertThat(ok(node, "zos.deployment.deploy", ZosJson.writeString(signed)).isNull()).isTrue();
        return signed;
    }

    private Deployment get(long node, long contractId) throws Exception {
        JsonNode got = ok(node, "zos.deployment.get", "{\"contract_id\":" + contractId + "}");
        return ZosJson.readDeployment(json.writeValueAsBytes(got));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static State state(Deployment d, String workload) {
        WorkloadResult r = d.workload(workload).result();
        return r == null ? State.NONE : r.state();
    }

    @Test
    void aDeploymentRunsItsWorkloadsTakesResourcesAndIsDeletedWithItsContract() throws Exception {
        start();
        SimulatedZosNode node = node(NODE);
        Resources before = node.freeResources();
        Deployment sent = deploy(NODE, vm(user.twinId, "first"));
        long contractId = sent.contractId();

        Deployment first = get(NODE, contractId);
        assertThat(state(first, "vm")).isEqualTo(State.INIT);
        await("workloads ok", () -> node.deployment(contractId).map(d -> d.state("vm") == State.OK
                && d.state("net") == State.OK && d.state("disk") == State.OK).orElse(false));
        Deployment running = get(NODE, contractId);
        assertThat(running.challengeHashHex()).isEqualTo(sent.challengeHashHex());
        WorkloadResult.ZMachineResult machine = (WorkloadResult.ZMachineResult) running.workload("vm").resultData()
                .orElseThrow();
        assertThat(machine.ip()).isEqualTo("10.20.2.2");
        assertThat(machine.planetaryIp()).isNotEmpty();
        assertThat(((WorkloadResult.ZMountResult) running.workload("disk").resultData().orElseThrow()).volumeId())
                .isNotEmpty();

        List<Workload> changes = ZosJson.readWorkloads(json.writeValueAsBytes(ok(NODE, "zos.deployment.changes",
                "{\"contract_id\":" + contractId + "}")));
        assertThat(changes).extracting(w -> w.name() + ":" + w.result().state().wire())
                .containsSubsequence("vm:init", "vm:ok").contains("net:init", "net:ok", "disk:init", "disk:ok");

        Resources used = node.freeResources();
        assertThat(before.mru() - used.mru()).isEqualTo(2 * GIB);
        assertThat(before.sru() - used.sru()).isEqualTo(15 * GIB);
        JsonNode stats = ok(NODE, "zos.statistics.get", "");
        assertThat(stats.path("used").path("mru").asLong()).isEqualTo(2 * GIB);
        assertThat(stats.path("total").path("cru").asLong()).isEqualTo(node.node().resources().cru());
        assertThat(ok(NODE, "zos.network.list_wg_ports", "")).extracting(JsonNode::asInt).containsExactly(7777);
        assertThat(ok(NODE, "zos.network.list_private_ips", "{\"network_name\":\"net\"}").toString())
                .isEqualTo("[\"10.20.2.2\"]");

        user.send("SmartContractModule", "cancel_contract", contractId);
        await("workloads deleted", () -> node.deployment(contractId).map(d -> d.state("vm") == State.DELETED
                && d.state("net") == State.DELETED && d.state("disk") == State.DELETED).orElse(false));
        assertThat(node.freeResources()).isEqualTo(before);
        assertThat(get(NODE, contractId).workload("vm").result().message()).contains("contract canceled");
    }

    @Test
    void anUpdateReprovisionsTheChangedWorkloadsAndRemovesTheDroppedOnes() throws Exception {
        start();
        SimulatedZosNode node = node(NODE);
        Deployment first = deploy(NODE, vm(user.twinId, "v0"));
        long contractId = first.contractId();
        await("v0 ok", () -> node.deployment(contractId).map(d -> d.state("vm") == State.OK).orElse(false));
        Resources before = node.freeResources();

        Workload vm = first.workload("vm");
        ZMachine machine = (ZMachine) vm.data();
        ZMachine bigger = new ZMachine(machine.flist(), machine.network(), machine.size(),
                new ZMachine.ComputeCapacity(4, 4 * GIB), List.of(), machine.entrypoint(), machine.env(),
                machine.corex(), machine.gpu());
        Deployment update = new Deployment(1, user.twinId, contractId, "v1", first.description(), 0,
                first.signatureRequirement(), List.of(first.workload("net").withoutResult(),
                        Workload.of(1, "vm", bigger, "", ""))).signed(user.twinId, user.key);
        assertThat(refused(NODE, "zos.deployment.update", ZosJson.writeString(update)))
                .as("the contract still holds the old hash")
                .isEqualTo("contract hash does not match deployment hash");
        user.send("SmartContractModule", "update_node_contract", contractId,
                update.challengeHashHex().getBytes(StandardCharsets.US_ASCII), new byte[0]);
        assertThat(ok(NODE, "zos.deployment.update", ZosJson.writeString(update)).isNull()).isTrue();
        assertThat(refused(NODE, "zos.deployment.update", ZosJson.writeString(update)))
                .startsWith("deployment version must be greater");

        await("v1 ok", () -> node.deployment(contractId).map(d -> d.deployment().version() == 1
                && d.state("vm") == State.OK).orElse(false));
        NodeDeployment updated = node.deployment(contractId).orElseThrow();
        assertThat(updated.deployment().workloads()).extracting(Workload::name).containsExactly("net", "vm");
        assertThat(updated.changes()).extracting(w -> w.name() + ":" + w.result().state().wire())
                .containsSubsequence("vm:ok", "vm:init", "vm:ok").contains("disk:deleted");
        assertThat(node.freeResources().mru()).isEqualTo(before.mru() - 2 * GIB);
        assertThat(node.freeResources().sru()).isEqualTo(before.sru() + 10 * GIB);
    }

    @Test
    void aDeploymentWhoseHashOrSignatureDoesNotMatchItsContractIsRefused() throws Exception {
        start();
        Deployment contracted = user.contract(NODE, vm(user.twinId, "original"));
        Deployment other = new Deployment(0, user.twinId, contracted.contractId(), "changed", "a vm", 0,
                contracted.signatureRequirement(), contracted.workloads()).signed(user.twinId, user.key);
        assertThat(refused(NODE, "zos.deployment.deploy", ZosJson.writeString(other)))
                .isEqualTo("contract hash does not match deployment hash");

        Deployment wrongKey = contracted.signed(user.twinId, GridTestUser.newKey());
        assertThat(refused(NODE, "zos.deployment.deploy", ZosJson.writeString(wrongKey))).contains("does not verify");

        Deployment good = contracted.signed(user.twinId, user.key);
        assertThat(refused(2, "zos.deployment.deploy", ZosJson.writeString(good)))
                .isEqualTo("invalid node address in contract");

        node(NODE).setHashMismatch(true);
        assertThat(refused(NODE, "zos.deployment.deploy", ZosJson.writeString(good)))
                .isEqualTo("contract hash does not match deployment hash");
        node(NODE).setHashMismatch(false);
        assertThat(ok(NODE, "zos.deployment.deploy", ZosJson.writeString(good)).isNull()).isTrue();
        assertThat(refused(NODE, "zos.deployment.deploy", ZosJson.writeString(good))).startsWith("exists");
        assertThat(refused(NODE, "zos.deployment.get", "{\"contract_id\":" + (good.contractId() + 100) + "}"))
                .isEqualTo("deployment not found");
        assertThat(refused(NODE, "zos.nothing.here", "")).startsWith("handler not found");
        assertThat(refused(NODE, "zos.deployment.deploy", "{\"version\": \"not json")).contains("deployment JSON");
        assertThat(refused(NODE, "zos.deployment.get", "")).isEqualTo("invalid request: contract_id is required");
    }

    @Test
    void scriptedFaultsFailAWorkloadSlowANodeAndTakeItOffline() throws Exception {
        start();
        SimulatedZosNode node = node(NODE);
        node.failWorkload("vm", "failed to download flist");
        Deployment d = deploy(NODE, vm(user.twinId, "faulty"));
        await("vm failed", () -> node.deployment(d.contractId()).map(x -> x.state("vm") == State.ERROR
                && x.state("disk") == State.OK).orElse(false));
        assertThat(get(NODE, d.contractId()).workload("vm").result().message()).isEqualTo("failed to download flist");

        node.setReplyDelay(Duration.ofMillis(1500));
        long started = System.nanoTime();
        ok(NODE, "zos.statistics.get", "");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        node.setReplyDelay(Duration.ZERO);

        node.setOffline(true);
        assertThat(grid.relay().isOnline(node.twinId())).isFalse();
        Envelope request = user.request(node.twinId(), "zos.statistics.get", "");
        user.sendRaw(request);
        assertThat(user.awaitReply(request.uid(), Duration.ofMillis(800))).as("no answer while offline").isNull();
        node.setOffline(false);
        Envelope late = user.awaitReply(request.uid(), REPLY);
        assertThat(late).as("the waiting request is answered once the node is back").isNotNull();
        assertThat(late.message()).isInstanceOf(Envelope.Response.class);
    }

    @Test
    void aGatewayNameServesNameDotDomainAndLeadsToTheMachine() throws Exception {
        start();
        Deployment machine = deploy(NODE, vm(user.twinId, "web"));
        Deployment withoutName = deploy(GATEWAY, Deployment.of(user.twinId, "", "", List.of(Workload.of(0, "gw",
                new GatewayNameProxy("mybot", false, List.of("http://10.20.2.2:9000"), null), "", ""))));
        await("gateway refused", () -> node(GATEWAY).deployment(withoutName.contractId())
                .map(x -> x.state("gw") == State.ERROR).orElse(false));

        user.send("SmartContractModule", "create_name_contract", "mybot".getBytes(StandardCharsets.US_ASCII));
        Deployment gateway = deploy(GATEWAY, Deployment.of(user.twinId, "named", "", List.of(Workload.of(0, "gw",
                new GatewayNameProxy("mybot", false, List.of("http://10.20.2.2:9000"), null), "", ""))));
        await("gateway ok", () -> node(GATEWAY).deployment(gateway.contractId()).map(x -> x.state("gw") == State.OK)
                .orElse(false));
        await("vm ok", () -> node(NODE).deployment(machine.contractId()).map(x -> x.state("vm") == State.OK)
                .orElse(false));
        assertThat(((WorkloadResult.GatewayNameResult) get(GATEWAY, gateway.contractId()).workload("gw")
                .resultData().orElseThrow()).fqdn()).isEqualTo("mybot.3bot.grid.tf");
        LocalV3Grid.NameRoute route = grid.resolve("mybot.3bot.grid.tf").orElseThrow();
        assertThat(route.gatewayNodeId()).isEqualTo(GATEWAY);
        assertThat(route.machine()).contains(new LocalV3Grid.Machine(NODE, machine.contractId(), "vm", "10.20.2.2"));
        assertThat(ok(GATEWAY, "zos.network.public_config_get", "").path("domain").asText())
                .isEqualTo("3bot.grid.tf");
        assertThat(refused(NODE, "zos.network.public_config_get", "")).isEqualTo("no public config found");
    }

    @Test
    void aContractThatRunsOutOfFundsPausesItsWorkloadsThenHasThemDeleted() throws Exception {
        grid = LocalV3Grid.start(LocalV3GridConfig.builder().chain(LocalTfchainConfig.builder()
                        .blockInterval(Duration.ofMillis(50)).chainSecondsPerBlock(3600).billingFrequency(2)
                        .gracePeriod(20).dataDirectory(data).build())
                .workloadDelay(Duration.ofMillis(100)).build());
        user = GridTestUser.create(grid, java.math.BigInteger.valueOf(TfchainRuntime.ONE_TFT)).connect();
        SimulatedZosNode node = node(NODE);
        Deployment d = deploy(NODE, vm(user.twinId, "unpaid"));
        await("deleted for lack of funds", () -> node.deployment(d.contractId()).map(x -> x.state("vm")
                == State.DELETED).orElse(false));
        assertThat(node.deployment(d.contractId()).orElseThrow().changes())
                .extracting(w -> w.name() + ":" + w.result().state().wire())
                .containsSubsequence("vm:init", "vm:ok", "vm:paused", "vm:deleted");
        assertThat(grid.chain().contracts()).noneMatch(c -> c.id() == d.contractId());
        assertThat(node.freeResources()).isEqualTo(node.node().resources());
    }

    @Test
    void deploymentsSurviveARestartFromTheDataDirectory() throws Exception {
        start();
        Deployment d = deploy(NODE, vm(user.twinId, "kept"));
        await("ok", () -> node(NODE).deployment(d.contractId()).map(x -> x.state("vm") == State.OK).orElse(false));
        Resources free = node(NODE).freeResources();
        user.close();
        grid.close();

        grid = LocalV3Grid.start(LocalV3GridConfig.builder().chain(LocalTfchainConfig.builder()
                .blockInterval(Duration.ofMillis(50)).dataDirectory(data).build()).build());
        assertThat(node(NODE).deployment(d.contractId()).map(x -> x.state("vm"))).contains(State.OK);
        assertThat(node(NODE).freeResources()).isEqualTo(free);
        user = null;
    }
}
