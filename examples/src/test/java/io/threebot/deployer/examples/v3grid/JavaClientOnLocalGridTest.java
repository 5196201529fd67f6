package io.threebot.deployer.examples.v3grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threebot.deployer.tfgrid.chain.AccountBalance;
import io.threebot.deployer.tfgrid.chain.ChainModuleException;
import io.threebot.deployer.tfgrid.chain.Contract;
import io.threebot.deployer.tfgrid.chain.NotEnoughFundsException;
import io.threebot.deployer.tfgrid.chain.TfchainClient.Inclusion;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.proxy.ContractFilter;
import io.threebot.deployer.tfgrid.proxy.ContractState;
import io.threebot.deployer.tfgrid.proxy.ContractType;
import io.threebot.deployer.tfgrid.proxy.GridContract;
import io.threebot.deployer.tfgrid.proxy.GridNode;
import io.threebot.deployer.tfgrid.proxy.GridProxyClient;
import io.threebot.deployer.tfgrid.proxy.NodeFilter;
import io.threebot.deployer.tfgrid.proxy.NodeStatus;
import io.threebot.deployer.tfgrid.proxy.PageRequest;
import io.threebot.deployer.tfgrid.rmb.RmbTimeoutException;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import io.threebot.deployer.tfgrid.zos.Deployment;
import io.threebot.deployer.tfgrid.zos.GatewayNameProxy;
import io.threebot.deployer.tfgrid.zos.Workload;
import io.threebot.deployer.tfgrid.zos.WorkloadResult;
import io.threebot.deployer.tfgrid.zos.ZosNodeException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The library's own v3 clients ({@link io.threebot.deployer.tfgrid.chain.TfchainClient},
 * {@link io.threebot.deployer.tfgrid.rmb.RmbClient}, {@link io.threebot.deployer.tfgrid.zos.ZosNodeClient},
 * {@link GridProxyClient}) deploy on a {@link LocalV3Grid} over its loopback protocols as they would on the real grid:
 * a new twin, a VM with a network and a disk, a gateway name reaching it, the contracts read back through the chain
 * and gridproxy, a second twin's contracts made with {@code @polkadot/api} ({@code local-peer.js}) seen by us and
 * ours by it, then everything cancelled. And the faults a deployer meets: a node offline, a hash mismatch, an
 * account that cannot pay.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaClientOnLocalGridTest {
    private static final long GIB = 1L << 30;
    private static final Duration READY = Duration.ofSeconds(20);
    private final ObjectMapper json = new ObjectMapper();
    private LocalV3Grid grid;
    private GridProxyClient proxy;
    private JavaGridUser user;

    @BeforeAll
    void start() throws Exception {
        grid = LocalV3Grid.start(LocalV3GridConfig.builder().chain(LocalTfchainConfig.builder()
                .blockInterval(Duration.ofMillis(100)).activationAmount(BigInteger.valueOf(100 * TfchainRuntime.ONE_TFT))
                .build()).workloadDelay(Duration.ofMillis(100)).build());
        proxy = GridProxyClient.builder().baseUrl(grid.proxyUrl()).deadline(Duration.ofSeconds(10)).build();
        user = JavaGridUser.create(grid);
    }

    @AfterAll
    void stop() {
        if (user != null) {
            user.close();
        }
        if (grid != null) {
            grid.close();
        }
    }

    private static Deployment vm(long twinId, String metadata, String ip) {
        return SampleDeployments.vm(twinId, metadata, ip);
    }

    private static Throwable cause(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + READY.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private JsonNode peer(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "local-peer.js", grid.substrateUrl().toString(),
                grid.activationUrl().toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("local-peer", ".out");
        try {
            Process node = new ProcessBuilder(command).directory(OfficialClients.home().toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            boolean done = node.waitFor(60, TimeUnit.SECONDS);
            if (!done) {
                node.destroyForcibly();
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(done && node.exitValue() == 0).as("local-peer.js " + args[0] + " failed:\n" + out).isTrue();
            return json.readTree(out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no result from local-peer.js:\n" + out)));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private GridNode pickNode(long except) {
        return proxy.nodes(NodeFilter.builder().status(NodeStatus.UP).freeMru(4 * GIB).freeSru(20 * GIB).build(),
                PageRequest.first()).items().stream().filter(n -> n.domain().isEmpty() && n.nodeId() != except)
                .filter(n -> grid.node(n.nodeId()).isPresent()).findFirst().orElseThrow();
    }

    @Test
    void ourClientsDeployAVmBehindAGatewayNameAndSeeAnotherClientsContracts() throws Exception {
        var twin = user.chain().twin(user.twinId()).orElseThrow();
        assertThat(twin.account()).isEqualTo(user.key().address());
        assertThat(twin.publicKey()).as("the twin's pk is the RMB client's e2e key")
                .contains("0x" + HexFormat.of().formatHex(user.rmb().e2ePublicKey()));
        assertThat(twin.relay()).contains(grid.relayUrl().getAuthority());

        GridNode node = pickNode(0);
        GridNode gateway = proxy.gateways(NodeFilter.builder().status(NodeStatus.UP).build(), PageRequest.first())
                .items().stream().filter(n -> n.domain().isPresent() && grid.node(n.nodeId()).isPresent())
                .findFirst().orElseThrow();
        assertThat(node.twinId()).isEqualTo(grid.node(node.nodeId()).orElseThrow().twinId());

        // the VM
        Deployment vm = user.contract(node.nodeId(), vm(user.twinId(), "{\"type\":\"vm\"}", "10.20.2.2"));
        user.deploy(node.twinId(), vm);
        List<Workload> vmReady = user.awaitOk(node.twinId(), vm.contractId(), READY);
        assertThat(vmReady).extracting(Workload::name).containsExactly("net", "disk", "vm");
        String vmIp = vmReady.get(2).resultData().map(r -> ((WorkloadResult.ZMachineResult) r).ip()).orElseThrow();
        assertThat(vmIp).isEqualTo("10.20.2.2");
        assertThat(grid.node(node.nodeId()).orElseThrow().deployment(vm.contractId()).orElseThrow().state("vm"))
                .isEqualTo(WorkloadResult.State.OK);
        Deployment got = user.zos(node.twinId()).get(vm.contractId(), JavaGridUser.CALL_DEADLINE).get();
        assertThat(got.challengeHashHex()).isEqualTo(vm.challengeHashHex());

        // the gateway name reaching it
        String name = "java" + user.twinId();
        user.chain().submit(user.chain().calls().createNameContract(name), Inclusion.IN_BLOCK);
        long nameContract = user.chain().nameContractId(name).orElseThrow();
        Deployment gw = user.contract(gateway.nodeId(), Deployment.of(user.twinId(), "{\"type\":\"gateway\"}",
                "a name", List.of(Workload.of(0, "gw", new GatewayNameProxy(name, false,
                        List.of("http://" + vmIp + ":9000"), null), "", ""))));
        user.deploy(gateway.twinId(), gw);
        List<Workload> gwReady = user.awaitOk(gateway.twinId(), gw.contractId(), READY);
        String fqdn = gwReady.get(0).resultData().map(r -> ((WorkloadResult.GatewayNameResult) r).fqdn())
                .orElseThrow();
        assertThat(fqdn).isEqualTo(name + "." + gateway.domain().orElseThrow());
        LocalV3Grid.NameRoute route = grid.resolve(fqdn).orElseThrow();
        assertThat(route.gatewayNodeId()).isEqualTo(gateway.nodeId());
        assertThat(route.machine()).map(LocalV3Grid.Machine::contractId).contains(vm.contractId());
        assertThat(route.machine()).map(LocalV3Grid.Machine::ip).contains(vmIp);

        // read back through the chain and gridproxy
        Contract onChain = user.chain().contract(vm.contractId()).orElseThrow();
        assertThat(onChain.twinId()).isEqualTo(user.twinId());
        assertThat(onChain.state()).isEqualTo(Contract.State.CREATED);
        assertThat(((Contract.NodeContract) onChain.type()).deploymentHash()).isEqualTo(vm.challengeHashHex());
        assertThat(((Contract.NodeContract) onChain.type()).nodeId()).isEqualTo(node.nodeId());
        assertThat(user.chain().activeNodeContracts(node.nodeId())).contains(vm.contractId());
        List<GridContract> ours = proxy.contracts(ContractFilter.builder().twinId(user.twinId())
                .state(ContractState.CREATED).build(), PageRequest.first()).items();
        assertThat(ours).extracting(GridContract::contractId)
                .containsExactlyInAnyOrder(vm.contractId(), nameContract, gw.contractId());
        assertThat(ours).filteredOn(c -> c.contractId() == nameContract).singleElement()
                .extracting(GridContract::type).isEqualTo(ContractType.NAME);

        // a second twin, with @polkadot/api: each sees the other's contracts
        JsonNode other = peer("create", String.valueOf(node.nodeId()), String.valueOf(user.twinId()));
        long otherTwin = other.path("twinId").asLong();
        List<Long> seenByIt = new ArrayList<>();
        other.path("other").forEach(c -> seenByIt.add(c.path("id").asLong()));
        assertThat(seenByIt).containsExactlyInAnyOrder(vm.contractId(), nameContract, gw.contractId());
        assertThat(other.path("other").findValuesAsText("hash")).contains(vm.challengeHashHex());
        assertThat(other.path("other").findValuesAsText("name")).containsExactly(name);
        long otherNode = other.path("nodeContractId").asLong();
        long otherName = other.path("nameContractId").asLong();
        Contract theirs = user.chain().contract(otherNode).orElseThrow();
        assertThat(theirs.twinId()).isEqualTo(otherTwin);
        assertThat(((Contract.NodeContract) theirs.type()).deploymentHash()).isEqualTo(other.path("hash").asText());
        assertThat(user.chain().nameContractId(other.path("name").asText())).contains(otherName);
        assertThat(user.chain().twinIdOf(other.path("address").asText())).contains(otherTwin);
        assertThat(proxy.contracts(ContractFilter.builder().twinId(otherTwin).build(), PageRequest.first()).items())
                .extracting(GridContract::contractId).containsExactlyInAnyOrder(otherNode, otherName);
        // and only its owner cancels it
        assertThatThrownBy(() -> user.cancel(otherNode)).isInstanceOf(ChainModuleException.class)
                .hasMessageContaining("TwinNotAuthorized");

        // cancel everything: the nodes delete the workloads
        user.cancel(gw.contractId());
        user.cancel(vm.contractId());
        user.cancel(nameContract);
        JsonNode cancelled = peer("cancel", other.path("mnemonic").asText(), String.valueOf(otherNode),
                String.valueOf(otherName));
        assertThat(cancelled.path("cancelled").size()).isEqualTo(2);
        SimulatedZosNode vmNode = grid.node(node.nodeId()).orElseThrow();
        SimulatedZosNode gwNode = grid.node(gateway.nodeId()).orElseThrow();
        await("the VM's workloads deleted", () -> List.of("net", "disk", "vm").stream().allMatch(w ->
                vmNode.deployment(vm.contractId()).orElseThrow().state(w) == WorkloadResult.State.DELETED));
        await("the gateway's workload deleted", () -> gwNode.deployment(gw.contractId()).orElseThrow()
                .state("gw") == WorkloadResult.State.DELETED);
        assertThat(grid.resolve(fqdn)).isEmpty();
        assertThat(user.chain().activeNodeContracts(node.nodeId())).doesNotContain(vm.contractId(), otherNode);
        assertThat(user.chain().nameContractId(name)).isEmpty();
        assertThat(proxy.contracts(ContractFilter.builder().twinId(user.twinId()).build(), PageRequest.first())
                .items()).filteredOn(c -> List.of(vm.contractId(), nameContract, gw.contractId())
                        .contains(c.contractId())).hasSize(3).extracting(GridContract::state)
                .containsOnly(ContractState.DELETED);
        await("the VM's capacity given back", () -> grid.node(node.nodeId()).orElseThrow().usedResources().mru() == 0);
    }

    @Test
    void aNodeOffTheRelayIsAnRmbTimeoutWithinTheDeadline() throws Exception {
        GridNode node = pickNode(0);
        SimulatedZosNode simulated = grid.node(node.nodeId()).orElseThrow();
        simulated.setOffline(true);
        try {
            Duration deadline = Duration.ofSeconds(2);
            long started = System.nanoTime();
            assertThatThrownBy(() -> user.zos(node.twinId()).statistics(deadline).join())
                    .extracting(JavaClientOnLocalGridTest::cause).isInstanceOf(RmbTimeoutException.class);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).isGreaterThanOrEqualTo(deadline.minusMillis(100)).isLessThan(deadline.plusSeconds(5));
        } finally {
            simulated.setOffline(false);
        }
        assertThat(user.zos(node.twinId()).statistics(Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS).total()
                .mru()).isEqualTo(simulated.node().resources().mru());
    }

    @Test
    void aDeploymentWhoseHashIsNotItsContractsIsRefusedByTheNode() throws Exception {
        GridNode node = pickNode(0);
        Deployment contracted = user.contract(node.nodeId(), vm(user.twinId(), "{\"v\":1}", "10.20.2.3"));
        Deployment other = vm(user.twinId(), "{\"v\":2}", "10.20.2.4").withContractId(contracted.contractId())
                .signed(user.twinId(), user.key());
        assertThatThrownBy(() -> user.deploy(node.twinId(), other)).isInstanceOf(ZosNodeException.class)
                .hasMessageContaining("contract hash does not match deployment hash")
                .extracting(e -> ((ZosNodeException) e).command()).isEqualTo("zos.deployment.deploy");
        assertThat(grid.node(node.nodeId()).orElseThrow().deployment(contracted.contractId())).isEmpty();
        user.cancel(contracted.contractId());
    }

    @Test
    void anAccountThatCannotPayGetsNotEnoughFunds() throws Exception {
        Ed25519KeyPair key = JavaGridUser.newKey();
        JavaGridUser.activate(grid.activationUrl(), key.address());
        try (JavaGridUser poor = JavaGridUser.withTwin(grid, key)) {
            // keep about one existential deposit beyond the fee of the transfer itself
            AccountBalance before = poor.chain().account(key.address());
            BigInteger away = before.free().subtract(BigInteger.valueOf(13_000));
            poor.chain().submit(poor.chain().calls().transfer(user.key().address(), away), Inclusion.IN_BLOCK);
            BigInteger left = poor.chain().account(key.address()).free();
            assertThat(left).isLessThan(BigInteger.valueOf(10_000));
            GridNode node = pickNode(0);
            assertThatThrownBy(() -> poor.contract(node.nodeId(), vm(poor.twinId(), "{}", "10.20.2.5")))
                    .isInstanceOf(NotEnoughFundsException.class).hasMessageContaining("cannot pay");
            assertThat(poor.chain().account(key.address()).free()).isEqualTo(left);
            assertThat(proxy.contracts(ContractFilter.builder().twinId(poor.twinId()).build(), PageRequest.first())
                    .items()).isEmpty();
        }
    }
}
