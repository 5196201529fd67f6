package io.threebot.deployer.tfgrid.zos;

import static io.threebot.deployer.tfgrid.rmb.Outcomes.done;
import static io.threebot.deployer.tfgrid.rmb.Outcomes.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.rmb.E2eKey;
import io.threebot.deployer.tfgrid.rmb.RmbClient;
import io.threebot.deployer.tfgrid.rmb.RmbErrorReplyException;
import io.threebot.deployer.tfgrid.rmb.RmbTimeoutException;
import io.threebot.deployer.tfgrid.rmb.ScriptedRelay;
import io.threebot.deployer.tfgrid.rmb.TwinKey;
import io.threebot.deployer.tfgrid.rmb.TwinKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ZosNodeClient} against a fake zos node behind a {@link ScriptedRelay}: each command's name and body as zos
 * reads them (they travel encrypted; the node's side opens them), each typed answer, the node's errors with its
 * message, and malformed or hostile answers as typed errors.
 */
class ZosNodeClientTest {
    private static final long ME = 40;
    private static final long NODE = 41;
    private static final Ed25519KeyPair MY_KEY = Ed25519KeyPair.fromHexSeed("0x" + "11".repeat(32));
    private static final Ed25519KeyPair NODE_KEY = Ed25519KeyPair.fromHexSeed("0x" + "22".repeat(32));
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    /** What the fake node answers, by command: JSON text, or "!message" for an error reply. */
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private ScriptedRelay relay;
    private RmbClient rmb;
    private ZosNodeClient zos;

    @BeforeEach
    void start() throws Exception {
        relay = ScriptedRelay.start(Map.of(ME, TwinKey.of(MY_KEY.publicKey(), E2eKey.of(MY_KEY).publicKey())));
        ScriptedRelay.FakeTwin node = relay.fakeTwin(NODE, NODE_KEY, true, (r, out) -> {
            String a = answers.get(r.command());
            if (a == null) {
                return; // silent
            }
            if (a.startsWith("!")) {
                out.fail(a.substring(1));
            } else {
                out.reply(a);
            }
        });
        rmb = RmbClient.builder().relay(relay.url()).twin(ME).key(MY_KEY)
                .twinKeys(TwinKeys.of(Map.of(NODE, node.twinKey()))).build();
        zos = new ZosNodeClient(rmb, NODE);
    }

    @AfterEach
    void stop() throws Exception {
        rmb.close();
        relay.close();
    }

    private ScriptedRelay.Received lastRequest() {
        List<ScriptedRelay.Received> got = relay.received();
        return got.get(got.size() - 1);
    }

    private static Deployment deployment(long contractId) {
        Deployment d = Deployment.of(ME, "{\"type\":\"vm\"}", "a 3Bot", List.of(
                Workload.of(0, "disk", new ZMount(1L << 30), "", ""),
                Workload.of(0, "ip", new PublicIp(true, false), "", "")));
        return d.withContractId(contractId).signed(ME, MY_KEY);
    }

    @Test
    void deployAndUpdateSendTheDeploymentAsZosReadsIt() {
        answers.put(ZosNodeClient.DEPLOY, "null");
        answers.put(ZosNodeClient.UPDATE, "null");
        Deployment d = deployment(77);

        done(zos.deploy(d, DEADLINE));
        ScriptedRelay.Received deploy = lastRequest();
        assertThat(deploy.command()).isEqualTo("zos.deployment.deploy");
        assertThat(deploy.encrypted()).isTrue();
        assertThat(deploy.verified()).isTrue();
        assertThat(deploy.text()).isEqualTo(ZosJson.writeString(d));
        Deployment asNodeReadsIt = ZosJson.readDeployment(deploy.body());
        assertThat(asNodeReadsIt.challengeHashHex()).isEqualTo(d.challengeHashHex());
        assertThat(asNodeReadsIt.contractId()).isEqualTo(77);
        asNodeReadsIt.verifySignatures(t -> t == ME ? MY_KEY.publicKey() : null);

        Deployment v1 = new Deployment(1, d.twinId(), 77, d.metadata(), d.description(), 0,
                SignatureRequirement.singleTwin(ME), d.workloads()).signed(ME, MY_KEY);
        done(zos.update(v1, DEADLINE));
        assertThat(lastRequest().command()).isEqualTo("zos.deployment.update");
        assertThat(ZosJson.readDeployment(lastRequest().body()).version()).isEqualTo(1);
    }

    @Test
    void aDeploymentWithoutItsContractIsNotSent() {
        Deployment noContract = Deployment.of(ME, "", "", List.of(Workload.of(0, "d", new ZMount(1), "", "")));
        assertThatThrownBy(() -> zos.deploy(noContract, DEADLINE)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("contract");
        assertThat(relay.received()).isEmpty();
    }

    @Test
    void getAndChangesAskByContractIdAndReadTheAnswerTyped() {
        WorkloadResult ok = new WorkloadResult(1_700_000_000, WorkloadResult.State.OK, "",
                JsonNodeFactory.instance.objectNode().put("volume_id", "vol-1"));
        Workload disk = new Workload(0, "disk", ZMount.TYPE, new ZMount(1L << 30), "", "", ok);
        Deployment onNode = new Deployment(0, ME, 77, "", "", 0, SignatureRequirement.singleTwin(ME), List.of(disk));
        answers.put(ZosNodeClient.GET, ZosJson.writeString(onNode));
        answers.put(ZosNodeClient.CHANGES, "[" + ZosJson.writeString(onNode).replaceAll("(?s)^.*\"workloads\":\\[", "")
                .replaceAll("\\]}$", "") + "]");

        Deployment got = done(zos.get(77, DEADLINE));
        assertThat(lastRequest().command()).isEqualTo("zos.deployment.get");
        assertThat(lastRequest().text()).isEqualTo("{\"contract_id\":77}");
        assertThat(got.contractId()).isEqualTo(77);
        assertThat(got.workload("disk").result().state()).isEqualTo(WorkloadResult.State.OK);

        List<Workload> changes = done(zos.changes(77, DEADLINE));
        assertThat(lastRequest().command()).isEqualTo("zos.deployment.changes");
        assertThat(lastRequest().text()).isEqualTo("{\"contract_id\":77}");
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).resultData()).contains(new WorkloadResult.ZMountResult("vol-1"));
    }

    @Test
    void deleteAsksByContractIdAndTheNodesRefusalIsTypedWithItsMessage() {
        answers.put(ZosNodeClient.DELETE, "!deletion over the api is disabled, please cancel your contract instead");
        Throwable t = failure(zos.delete(77, DEADLINE));
        assertThat(lastRequest().text()).isEqualTo("{\"contract_id\":77}");
        assertThat(t).isInstanceOf(ZosNodeException.class).hasCauseInstanceOf(RmbErrorReplyException.class);
        ZosNodeException e = (ZosNodeException) t;
        assertThat(e.nodeMessage()).isEqualTo("deletion over the api is disabled, please cancel your contract instead");
        assertThat(e.command()).isEqualTo("zos.deployment.delete");
        assertThat(e.nodeTwin()).isEqualTo(NODE);
        assertThat(e.reason()).isEqualTo(DeployerException.Reason.UNAVAILABLE);

        answers.put(ZosNodeClient.DEPLOY, "!failed to validate deployment: hash mismatch");
        assertThat(failure(zos.deploy(deployment(78), DEADLINE))).isInstanceOf(ZosNodeException.class)
                .hasMessageContaining("hash mismatch");
    }

    @Test
    void wireguardPortsArePortsAndNullIsNone() {
        answers.put(ZosNodeClient.LIST_WG_PORTS, "[3000,3001,65535,0]");
        assertThat(done(zos.wireguardPorts(DEADLINE))).containsExactly(3000, 3001, 65535, 0);
        assertThat(lastRequest().command()).isEqualTo("zos.network.list_wg_ports");
        assertThat(lastRequest().body()).isEmpty();
        answers.put(ZosNodeClient.LIST_WG_PORTS, "null");
        assertThat(done(zos.wireguardPorts(DEADLINE))).isEmpty();
    }

    @Test
    void publicConfigIsReadAndCheckedAsAddresses() {
        answers.put(ZosNodeClient.PUBLIC_CONFIG_GET, "{\"type\":\"macvlan\",\"ipv4\":\"185.69.166.7/24\","
                + "\"ipv6\":\"2a02:1802:5e:0:1000::7/64\",\"gw4\":\"185.69.166.1\",\"gw6\":\"2a02:1802:5e::1\","
                + "\"domain\":\"gent02.dev.grid.tf\",\"extra\":1}");
        PublicConfig c = done(zos.publicConfig(DEADLINE));
        assertThat(lastRequest().command()).isEqualTo("zos.network.public_config_get");
        assertThat(lastRequest().body()).isEmpty();
        assertThat(c).isEqualTo(new PublicConfig("macvlan", "185.69.166.7/24", "2a02:1802:5e:0:1000::7/64",
                "185.69.166.1", "2a02:1802:5e::1", "gent02.dev.grid.tf"));
        assertThat(c.domainName()).contains("gent02.dev.grid.tf");

        answers.put(ZosNodeClient.PUBLIC_CONFIG_GET, "{\"type\":\"macvlan\",\"ipv4\":\"\",\"ipv6\":\"\","
                + "\"gw4\":\"\",\"gw6\":\"\",\"domain\":\"\"}");
        assertThat(done(zos.publicConfig(DEADLINE)).domainName()).isEmpty();
    }

    @Test
    void statisticsAreReadTyped() {
        answers.put(ZosNodeClient.STATISTICS_GET, "{\"total\":{\"cru\":8,\"sru\":1000,\"hru\":2000,\"mru\":16000,"
                + "\"ipv4u\":2},\"used\":{\"cru\":3,\"sru\":100,\"hru\":0,\"mru\":4000,\"ipv4u\":1},"
                + "\"system\":{\"cru\":0,\"sru\":50,\"hru\":0,\"mru\":2000,\"ipv4u\":0},"
                + "\"users\":{\"deployments\":3,\"workloads\":7,\"last_deployment_timestamp\":1700000000},"
                + "\"open_connections\":12}");
        NodeStatistics s = done(zos.statistics(DEADLINE));
        assertThat(lastRequest().command()).isEqualTo("zos.statistics.get");
        assertThat(s.total()).isEqualTo(new NodeStatistics.Capacity(8, 1000, 2000, 16000, 2));
        assertThat(s.users()).isEqualTo(new NodeStatistics.Users(3, 7, 1_700_000_000));
        assertThat(s.openConnections()).isEqualTo(12);
        assertThat(s.free()).isEqualTo(new NodeStatistics.Capacity(5, 900, 2000, 12000, 1));
    }

    @Test
    void malformedAndHostileAnswersAreTypedErrors() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        Map<String, List<String>> bad = Map.of(
                ZosNodeClient.LIST_WG_PORTS, List.of("[1,2,70000]", "[1.5]", "[\"22\"]", "{\"a\":1}", "not json",
                        deep, "[1] [2]", "[-1]"),
                ZosNodeClient.STATISTICS_GET, List.of("null", "{\"total\":{\"cru\":-1}}", "{\"total\":{\"cru\":\"8\"}}",
                        "{\"total\":{\"cru\":1e999999}}", "{\"total\":{\"cru\":123456789012345678901234567890}}",
                        "\"x\"", ""),
                ZosNodeClient.PUBLIC_CONFIG_GET, List.of("{\"ipv4\":\"999.1.1.1/24\"}", "{\"gw4\":\"example.com\"}",
                        "{\"domain\":\"" + "a".repeat(300) + "\"}", "[]"),
                ZosNodeClient.GET, List.of("{\"version\":-1}", "{\"workloads\":[{\"name\":\"x\",\"type\":\"nope\"}]}",
                        "null", "{\"contract_id\":1.5}"),
                ZosNodeClient.CHANGES, List.of("{}", "[{\"name\":\"\"}]"));
        for (Map.Entry<String, List<String>> e : bad.entrySet()) {
            for (String answer : e.getValue()) {
                answers.put(e.getKey(), answer);
                CompletableFuture<?> call = switch (e.getKey()) {
                    case ZosNodeClient.LIST_WG_PORTS -> zos.wireguardPorts(DEADLINE);
                    case ZosNodeClient.STATISTICS_GET -> zos.statistics(DEADLINE);
                    case ZosNodeClient.PUBLIC_CONFIG_GET -> zos.publicConfig(DEADLINE);
                    case ZosNodeClient.GET -> zos.get(1, DEADLINE);
                    default -> zos.changes(1, DEADLINE);
                };
                Throwable t = failure(call);
                assertThat(t).as("%s answered %.60s", e.getKey(), answer)
                        .isInstanceOf(MalformedZosReplyException.class)
                        .hasMessageContaining(e.getKey());
                assertThat(((DeployerException) t).reason()).isEqualTo(DeployerException.Reason.UNAVAILABLE);
            }
        }
    }

    @Test
    void aSilentNodeMeansATimeoutAtTheDeadline() {
        long start = System.nanoTime();
        Throwable t = failure(zos.statistics(Duration.ofMillis(600)));
        assertThat(t).isInstanceOf(RmbTimeoutException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(550);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> zos.get(0, DEADLINE)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> zos.changes(-5, DEADLINE)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new ZosNodeClient(rmb, 0)).isInstanceOf(InvalidInputException.class);
        assertThat(relay.received()).isEmpty();
    }
}
