package io.threebot.deployer.tfgrid.zos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Go's semantics where grid_client (the oracle) cannot judge, the JSON zos reads, and hostile input. */
class ZosTest {
    private static final Ed25519KeyPair KEY = Ed25519KeyPair.fromHexSeed(
            "0x9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

    @Test
    void ipsAndCidrsAreWrittenAsGoPrintsThem() {
        assertThat(IpText.ip("ip", "10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(IpText.ip("ip", "2001:0DB8:0000:0000:0000:0000:0000:0001")).isEqualTo("2001:db8::1");
        assertThat(IpText.ip("ip", "fd00:0:0:1:0:0:0:1")).isEqualTo("fd00:0:0:1::1");
        assertThat(IpText.ip("ip", "1:0:0:2:0:0:0:3")).isEqualTo("1:0:0:2::3");
        assertThat(IpText.ip("ip", "1:0:0:2:0:0:3:4")).isEqualTo("1::2:0:0:3:4");
        assertThat(IpText.ip("ip", "1:0:2:3:4:5:6:7")).isEqualTo("1:0:2:3:4:5:6:7");
        assertThat(IpText.ip("ip", "::ffff:1.2.3.4")).isEqualTo("1.2.3.4");
        assertThat(IpText.ip("ip", "::")).isEqualTo("::");
        assertThat(IpText.cidr("c", "10.1.2.3/16")).isEqualTo("10.1.2.3/16");
        assertThat(IpText.cidr("c", "10.1.0.0/016")).isEqualTo("10.1.0.0/16");
        assertThat(IpText.cidr("c", "FD00::/64")).isEqualTo("fd00::/64");
        assertThat(IpText.cidr("c", "::ffff:10.0.0.1/120")).isEqualTo("10.0.0.1/24");
        for (String bad : List.of("", "1.2.3", "1.2.3.4.5", "01.2.3.4", "256.1.1.1", "1::2::3", "1:2:3:4:5:6:7:8:9",
                "::1%eth0", "example.com", "1.2.3.4 ", "1:2:3:4:5:6:7:8::", "::1.2.3.4:5")) {
            assertThatThrownBy(() -> IpText.ip("ip", bad)).as(bad).isInstanceOf(InvalidDeploymentException.class);
        }
        for (String bad : List.of("10.0.0.0", "10.0.0.0/33", "fd00::/129", "10.0.0.0/", "10.0.0.0/x", "/8")) {
            assertThatThrownBy(() -> IpText.cidr("c", bad)).as(bad).isInstanceOf(InvalidDeploymentException.class);
        }
    }

    @Test
    void theChallengeIsZossText() {
        Deployment d = new Deployment(3, 42, 99, "meta", "desc", 0,
                new SignatureRequirement(List.of(new SignatureRequest(42, true, 1)), 1, List.of(), ""),
                List.of(Workload.of(2, "vm", new ZMachine("https://hub.grid.tf/a.flist",
                                new ZMachine.MachineNetwork("", true, new ZMachine.MyceliumIp("net", "A1B2C3D4E5F6"),
                                        List.of(new ZMachine.Interface("net", "10.1.2.3"))),
                                0, new ZMachine.ComputeCapacity(2, 1024), List.of(new ZMachine.Mount("disk", "/data")),
                                "/init", Map.of("b", "2", "a", "1", "é", "3", "Z", "0"), false, List.of()), "", ""),
                        Workload.of(0, "net", new Network("10.1.0.0/16", "10.1.2.0/24", "key", 7000,
                                List.of(), new Network.Mycelium("ABCD", List.of("tcp://1.2.3.4:9651"))), "m", "d"),
                        Workload.of(0, "disk", new ZMount(1 << 30), "", ""),
                        Workload.of(0, "gw", new GatewayNameProxy("web", false, List.of("http://1.2.3.4:80"), null),
                                "", "")));
        assertThat(d.challenge()).isEqualTo("342metadesc0"
                + "2vmzmachinehttps://hub.grid.tf/a.flisttruenet10.1.2.3neta1b2c3d4e5f60" + "21024" + "disk/data"
                + "/init" + "Z=0a=1b=2é=3"
                + "0netnetworkmd10.1.0.0/1610.1.2.0/24key7000abcdtcp://1.2.3.4:9651"
                + "0diskzmount1073741824"
                + "0gwgateway-name-proxywebfalsehttp://1.2.3.4:80"
                + "42true11");
        // the contract id is not part of it
        assertThat(d.withContractId(7).challengeHashHex()).isEqualTo(d.challengeHashHex());
        assertThat(d.challengeHash()).hasSize(16);
    }

    @Test
    void signingAndZossSignatureCheck() {
        Deployment d = Deployment.of(42, "", "", List.of(Workload.of(0, "ip", new PublicIp(true, false), "", "")));
        assertThatThrownBy(() -> d.verifySignatures(t -> KEY.publicKey()))
                .isInstanceOf(InvalidDeploymentException.class).hasMessageContaining("missing required signature");
        Deployment signed = d.signed(42, KEY);
        signed.verifySignatures(t -> KEY.publicKey());
        assertThat(signed.signed(42, KEY).signatureRequirement().signatures()).hasSize(1);
        // the polka-wallet style signs <Bytes>hex</Bytes> and is part of the challenge
        Deployment polka = new Deployment(0, 42, 0, "", "", 0, new SignatureRequirement(
                List.of(new SignatureRequest(42, true, 1)), 1, List.of(), "polka-wallet"), d.workloads());
        assertThat(polka.challenge()).endsWith("42true11polka-wallet");
        Deployment polkaSigned = polka.signed(42, KEY);
        polkaSigned.verifySignatures(t -> KEY.publicKey());
        assertThat(Ed25519KeyPair.verify(KEY.publicKey(), ("<Bytes>" + polka.challengeHashHex() + "</Bytes>")
                .getBytes(StandardCharsets.UTF_8), java.util.HexFormat.of().parseHex(
                        polkaSigned.signatureRequirement().signatures().get(0).signature()))).isTrue();
        // another key, a modified deployment, an unknown twin, a missing originator, too little weight
        Ed25519KeyPair other = Ed25519KeyPair.fromHexSeed("0x" + "11".repeat(32));
        assertThatThrownBy(() -> signed.verifySignatures(t -> other.publicKey()))
                .isInstanceOf(InvalidDeploymentException.class);
        Deployment changed = new Deployment(1, 42, 0, "", "", 0, signed.signatureRequirement(), signed.workloads());
        assertThatThrownBy(() -> changed.verifySignatures(t -> KEY.publicKey()))
                .isInstanceOf(InvalidDeploymentException.class);
        assertThatThrownBy(() -> signed.verifySignatures(t -> null)).isInstanceOf(InvalidDeploymentException.class);
        Deployment notOriginator = new Deployment(0, 42, 0, "", "", 0, new SignatureRequirement(
                List.of(new SignatureRequest(7, true, 1)), 1, List.of(), ""), d.workloads()).signed(7, KEY);
        assertThatThrownBy(() -> notOriginator.verifySignatures(t -> KEY.publicKey()))
                .hasMessageContaining("among the signature requests");
        Deployment heavy = new Deployment(0, 42, 0, "", "", 0, new SignatureRequirement(
                List.of(new SignatureRequest(42, true, 1)), 2, List.of(), ""), d.workloads()).signed(42, KEY);
        assertThatThrownBy(() -> heavy.verifySignatures(t -> KEY.publicKey())).hasMessageContaining("weight");
    }

    @Test
    void jsonAsZosReadsAndWritesIt() {
        String json = """
                {"version":1,"twin_id":5,"contract_id":18446744073,"metadata":null,"description":"x","expiration":0,
                 "signature_requirement":{"requests":[{"twin_id":5,"required":true,"weight":1}],"weight_required":1,
                   "signatures":[{"twin_id":5,"signature":"ab","signature_type":"ed25519"}],"signature_style":""},
                 "workloads":[
                  {"version":1,"name":"vm","type":"zmachine","metadata":"","description":"","unknown":1,
                   "data":{"flist":"f","network":{"public_ip":"","planetary":false,"interfaces":[{"network":"n",
                     "ip":"fd00:0:0:0:0:0:0:1"}],"mycelium":{"Network":"n","hex_seed":"AABBCCDDEEFF"}},"size":0,
                     "compute_capacity":{"cpu":1,"memory":268435456},"mounts":null,"entrypoint":"","env":null,
                     "corex":false},
                   "result":{"created":1700000000,"state":"ok","message":"","data":{"id":"vm1","ip":"10.1.2.3",
                     "ygg_ip":"300::1","mycelium_ip":"","console_url":""}}},
                  {"version":0,"name":"db","type":"zdb","data":{"size":10,"mode":"user"},
                   "result":{"created":1,"state":"error","message":"boom","data":null}},
                  {"version":0,"name":"ip","type":"ip","data":{"v4":true,"v6":false},
                   "result":{"created":1,"state":"ok","message":"","data":{"ip":"1.2.3.4/24","ip6":"","gateway":"1.2.3.1"}}}
                 ]}""";
        Deployment d = ZosJson.readDeployment(json);
        assertThat(d.contractId()).isEqualTo(18446744073L);
        assertThat(d.metadata()).isEmpty();
        Workload vm = d.workload("vm");
        ZMachine m = (ZMachine) vm.data();
        assertThat(m.network().interfaces().get(0).ip()).isEqualTo("fd00::1");
        assertThat(m.network().mycelium().hexSeed()).isEqualTo("aabbccddeeff");
        assertThat(vm.result().state()).isEqualTo(WorkloadResult.State.OK);
        assertThat(vm.resultData()).get().isEqualTo(
                new WorkloadResult.ZMachineResult("vm1", "10.1.2.3", "300::1", "", ""));
        assertThat(d.workload("ip").resultData()).get()
                .isEqualTo(new WorkloadResult.PublicIpResult("1.2.3.4/24", "", "1.2.3.1"));
        Workload zdb = d.workload("db");
        assertThat(zdb.data()).isInstanceOf(OtherWorkloadData.class);
        assertThat(zdb.result().state()).isEqualTo(WorkloadResult.State.ERROR);
        assertThat(zdb.result().message()).isEqualTo("boom");
        // a type not modelled here has no challenge, but survives a round trip
        assertThatThrownBy(d::challenge).isInstanceOf(InvalidDeploymentException.class);
        Deployment again = ZosJson.readDeployment(ZosJson.write(d));
        assertThat(again).isEqualTo(d);
        assertThat(ZosJson.writeString(d)).contains("\"network\":\"n\"").contains("\"type\":\"zdb\"")
                .contains("\"data\":{\"size\":10,\"mode\":\"user\"}");
        List<Workload> changes = ZosJson.readWorkloads("""
                [{"version":0,"name":"gw","type":"gateway-name-proxy","data":{"name":"a","tls_passthrough":false,
                  "backends":["http://1.2.3.4"]},"result":{"created":2,"state":"init","message":"","data":
                  {"fqdn":"a.gw.example.com"}}}]""".getBytes(StandardCharsets.UTF_8));
        assertThat(changes.get(0).resultData()).get()
                .isEqualTo(new WorkloadResult.GatewayNameResult("a.gw.example.com"));
    }

    @Test
    void malformedHostileOrOversizedJsonIsATypedError() {
        String base = "{\"version\":0,\"twin_id\":1,\"workloads\":[%s]}";
        String wl = "{\"version\":0,\"name\":\"%s\",\"type\":\"%s\",\"data\":%s}";
        List<String> bad = List.of(
                "", "null", "[]", "{", "{\"version\":1.5}", "{\"version\":\"1\"}", "{\"version\":-1}",
                "{\"version\":4294967296}", "{\"twin_id\":1e3}", "{\"contract_id\":18446744073709551615}",
                "{\"version\":0} trailing", "{\"metadata\":\"\\ud800\"}", "{\"workloads\":{}}",
                String.format(base, String.format(wl, "a", "zmount", "{\"size\":-1}")),
                String.format(base, String.format(wl, "a", "zmount", "null")),
                String.format(base, String.format(wl, "a b", "zmount", "{\"size\":1}")),
                String.format(base, String.format(wl, "x".repeat(37), "zmount", "{\"size\":1}")),
                String.format(base, String.format(wl, "ygg", "zmount", "{\"size\":1}")),
                String.format(base, String.format(wl, "a", "zmount", "{\"size\":1}") + ","
                        + String.format(wl, "a", "ip", "{\"v4\":true}")),
                String.format(base, String.format(wl, "a", "network", "{\"ip_range\":\"10.0.0.0\"}")),
                String.format(base, String.format(wl, "a", "network",
                        "{\"ip_range\":\"10.0.0.0/16\",\"subnet\":\"10.0.1.0/24\",\"wireguard_listen_port\":70000}")),
                String.format(base, String.format(wl, "a", "network", "{\"ip_range\":\"10.0.0.0/16\","
                        + "\"subnet\":\"10.0.1.0/24\",\"mycelium\":{\"hex_key\":\"xyz\"}}")),
                String.format(base, String.format(wl, "a", "zmachine", "{\"compute_capacity\":{\"cpu\":256}}")),
                String.format(base, "{\"version\":0,\"name\":\"a\",\"type\":7,\"data\":{}}"),
                "{\"workloads\":[{\"name\":\"a\",\"type\":\"ip\",\"data\":{},\"result\":{\"state\":\"weird\"}}]}",
                "[".repeat(100_000),
                "{\"metadata\":\"" + "a".repeat(ZosJson.MAX_BYTES) + "\"}");
        for (String json : bad) {
            assertThatThrownBy(() -> ZosJson.readDeployment(json)).as(json.length() > 200 ? json.substring(0, 200)
                    : json).isInstanceOf(DeployerException.class).satisfies(e -> assertThat(
                            ((DeployerException) e).reason()).isEqualTo(DeployerException.Reason.INVALID_INPUT));
        }
        assertThatThrownBy(() -> ZosJson.readDeployment(new byte[] {(byte) 0xff, (byte) 0xfe}))
                .isInstanceOf(InvalidDeploymentException.class);
        WorkloadResult wrongShape = new WorkloadResult(1, WorkloadResult.State.OK, "",
                new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode());
        assertThatThrownBy(() -> wrongShape.dataOf(ZMount.TYPE)).isInstanceOf(InvalidDeploymentException.class);
    }
}
