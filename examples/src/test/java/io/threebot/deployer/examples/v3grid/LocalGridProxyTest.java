package io.threebot.deployer.examples.v3grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gridproxy's REST API over HTTP, answered from a local chain (twins and contracts made with signed calls). */
class LocalGridProxyTest {
    private static final long GIB = 1L << 30;
    private LocalTfchain chain;
    private LocalGridProxy proxy;
    private final FakeNodeUsage usage = new FakeNodeUsage();

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (chain != null) {
            chain.close();
        }
    }

    private URI start(LocalTfchainConfig.Builder config) throws Exception {
        chain = LocalTfchain.start(config.blockInterval(Duration.ofMillis(50)).build());
        proxy = LocalGridProxy.start(chain, usage, 0);
        return proxy.url();
    }

    private static List<Long> ids(JsonNode list, String field) {
        List<Long> ids = new ArrayList<>();
        list.forEach(item -> ids.add(item.path(field).asLong()));
        return ids;
    }

    private List<Long> nodeIds(java.util.function.Predicate<Node> which) {
        return chain.nodes().stream().filter(which).map(Node::id).toList();
    }

    @Test
    void nodesAreFilteredPagedAndSortedAsGridproxyDoes() throws Exception {
        URI url = start(LocalTfchainConfig.builder());
        usage.use(1, new Resources(0, 100 * GIB, 4, 60 * GIB)).down(3);
        int total = chain.nodes().size();

        HttpGet.Answer page3 = HttpGet.get(url, "/nodes?ret_count=true&size=4&page=3");
        assertThat(page3.status()).isEqualTo(200);
        assertThat(page3.count()).isEqualTo(String.valueOf(total));
        assertThat(ids(page3.body(), "nodeId")).isEqualTo(nodeIds(n -> n.id() > 8));
        assertThat(HttpGet.get(url, "/nodes").count()).as("no count unless asked").isNull();
        assertThat(ids(HttpGet.get(url, "/nodes?sort_by=node_id&sort_order=desc&size=2").body(), "nodeId"))
                .containsExactly((long) total, (long) total - 1);

        assertThat(ids(HttpGet.get(url, "/nodes?free_mru=" + 8 * GIB).body(), "nodeId"))
                .isEqualTo(nodeIds(n -> n.resources().mru() - (n.id() == 1 ? 60 * GIB : 0) >= 8 * GIB))
                .doesNotContain(1L).contains(2L);
        assertThat(ids(HttpGet.get(url, "/nodes?status=up").body(), "nodeId")).isEqualTo(nodeIds(n -> n.id() != 3));
        assertThat(ids(HttpGet.get(url, "/nodes?healthy=false").body(), "nodeId")).containsExactly(3L);
        assertThat(HttpGet.get(url, "/nodes/3/status").body().path("status").asText()).isEqualTo("down");
        assertThat(HttpGet.get(url, "/nodes/2/status").body().path("status").asText()).isEqualTo("up");
        JsonNode statistics = HttpGet.get(url, "/nodes/1/statistics").body();
        assertThat(statistics.path("used").path("mru").asLong()).isEqualTo(60 * GIB);
        assertThat(statistics.path("total").path("cru").asLong()).isEqualTo(chain.nodes().get(0).resources().cru());
        assertThat(HttpGet.get(url, "/nodes/3/statistics").status()).as("a node that is down").isEqualTo(502);
        assertThat(ids(HttpGet.get(url, "/nodes?farm_ids=2,4").body(), "nodeId"))
                .isEqualTo(nodeIds(n -> n.farmId() == 2 || n.farmId() == 4));
        assertThat(ids(HttpGet.get(url, "/nodes?country=Belgium").body(), "nodeId"))
                .isEqualTo(nodeIds(n -> n.location().country().equals("Belgium"))).hasSize(4);
        assertThat(ids(HttpGet.get(url, "/nodes?region=north%20america").body(), "nodeId"))
                .isEqualTo(nodeIds(n -> n.location().continent().equals("North America"))).isNotEmpty();

        List<Long> gateways = nodeIds(Node::isGateway);
        assertThat(gateways).hasSize(2);
        assertThat(ids(HttpGet.get(url, "/nodes?domain=true&ipv4=true").body(), "nodeId")).isEqualTo(gateways);
        JsonNode listed = HttpGet.get(url, "/gateways").body();
        assertThat(ids(listed, "nodeId")).isEqualTo(gateways);
        assertThat(listed.findValuesAsText("domain")).containsExactly("3bot.grid.tf", "3bot.toronto.grid.tf");
        assertThat(HttpGet.get(url, "/gateways/" + gateways.get(0)).body().path("publicConfig").path("domain")
                .asText()).isEqualTo("3bot.grid.tf");

        JsonNode one = HttpGet.get(url, "/nodes/1").body();
        assertThat(one.path("capacity").path("used_resources").path("mru").asLong()).isEqualTo(60 * GIB);
        assertThat(one.path("capacity").path("total_resources").path("mru").asLong())
                .isEqualTo(chain.nodes().get(0).resources().mru());
        assertThat(one.path("twinId").asLong()).isEqualTo(chain.nodes().get(0).twinId());
        assertThat(one.path("farmName").asText()).isEqualTo("freefarm");
        JsonNode first = HttpGet.get(url, "/nodes?node_id=1").body().get(0);
        assertThat(first.path("used_resources").path("mru").asLong()).as("flat in lists").isEqualTo(60 * GIB);

        // what grid_client sends for options it was not given
        HttpGet.Answer loose = HttpGet.get(url, "/nodes?free_mru=&ipv4=undefined&farm_ids=&status=up&page=undefined"
                + "&gateway=undefined&size=50");
        assertThat(loose.status()).isEqualTo(200);
        assertThat(ids(loose.body(), "nodeId")).isEqualTo(nodeIds(n -> n.id() != 3));
    }

    @Test
    void badParametersAndUnknownNodesAreAnsweredAsErrorsNamingThem() throws Exception {
        URI url = start(LocalTfchainConfig.builder());
        HttpGet.Answer lots = HttpGet.get(url, "/nodes?free_mru=lots");
        assertThat(lots.status()).isEqualTo(400);
        assertThat(lots.body().path("error").asText()).isEqualTo("free_mru is not a number: lots");
        assertThat(HttpGet.get(url, "/nodes?status=sleeping").body().path("error").asText())
                .contains("status", "sleeping");
        assertThat(HttpGet.get(url, "/nodes?sort_by=colour").body().path("error").asText())
                .contains("sort_by", "colour");
        assertThat(HttpGet.get(url, "/farms?page=0").status()).isEqualTo(400);
        assertThat(HttpGet.get(url, "/contracts?type=fancy").body().path("error").asText()).contains("fancy");
        assertThat(HttpGet.get(url, "/nodes?healthy=maybe").status()).isEqualTo(400);
        HttpGet.Answer missing = HttpGet.get(url, "/nodes/99");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().path("error").asText()).isEqualTo("node not found");
        assertThat(HttpGet.get(url, "/gateways/1").status()).as("node 1 is no gateway").isEqualTo(404);
        assertThat(HttpGet.get(url, "/nodes/one").status()).isEqualTo(400);
        assertThat(HttpGet.get(url, "/deployments").status()).isEqualTo(404);
        assertThat(HttpGet.get(url, "/ping").body().path("ping").asText()).isEqualTo("pong");
    }

    @Test
    void farmsTwinsAndContractsFollowTheChain() throws Exception {
        URI url = start(LocalTfchainConfig.builder());
        ChainUser alice = ChainUser.withTwin(chain, BigInteger.valueOf(10 * TfchainRuntime.ONE_TFT));
        long vm = alice.nodeContract(1, "0123456789abcdef0123456789abcdef",
                "{\"type\":\"vm\",\"name\":\"myvm\",\"projectName\":\"vm/myvm\"}");
        long name = alice.nameContract("mybot");
        long gone = alice.nodeContract(2, "fedcba9876543210fedcba9876543210", "{\"type\":\"network\"}");
        alice.send("SmartContractModule", "cancel_contract", gone);
        long twin = alice.twinId();

        JsonNode twins = HttpGet.get(url, "/twins?account_id=" + alice.address()).body();
        assertThat(ids(twins, "twinId")).containsExactly(twin);
        assertThat(twins.get(0).path("relay").asText()).isEqualTo("relay.local");
        assertThat(HttpGet.get(url, "/twins?twin_id=" + twin).body().get(0).path("accountId").asText())
                .isEqualTo(alice.address());
        HttpGet.Answer allTwins = HttpGet.get(url, "/twins?ret_count=true&size=1");
        assertThat(allTwins.count()).isEqualTo(String.valueOf(chain.twins().size()));
        assertThat(allTwins.body()).hasSize(1);

        JsonNode freefarm = HttpGet.get(url, "/farms?name=freefarm").body();
        assertThat(ids(freefarm, "farmId")).containsExactly(1L);
        assertThat(freefarm.get(0).path("publicIps")).hasSize(2);
        assertThat(freefarm.get(0).path("publicIps").findValuesAsText("ip")).contains("185.206.122.33/24");
        assertThat(ids(HttpGet.get(url, "/farms?free_ips=2").body(), "farmId")).containsExactly(1L);
        assertThat(ids(HttpGet.get(url, "/farms?country=Japan").body(), "farmId")).containsExactly(4L);
        assertThat(ids(HttpGet.get(url, "/farms?sort_by=farm_id&sort_order=desc&size=2").body(), "farmId"))
                .containsExactly(5L, 4L);

        HttpGet.Answer mine = HttpGet.get(url, "/contracts?twin_id=" + twin + "&ret_count=true");
        assertThat(mine.count()).isEqualTo("3");
        assertThat(ids(mine.body(), "contract_id")).containsExactly(vm, name, gone);
        assertThat(ids(HttpGet.get(url, "/contracts?twin_id=" + twin + "&state=Created").body(), "contract_id"))
                .containsExactly(vm, name);
        JsonNode deleted = HttpGet.get(url, "/contracts?twin_id=" + twin + "&state=Deleted").body();
        assertThat(ids(deleted, "contract_id")).containsExactly(gone);
        JsonNode named = HttpGet.get(url, "/contracts?type=name&twin_id=" + twin).body();
        assertThat(named.get(0).path("details").path("name").asText()).isEqualTo("mybot");
        JsonNode onNode = HttpGet.get(url, "/contracts?node_id=1&state=Created,GracePeriod").body();
        assertThat(ids(onNode, "contract_id")).containsExactly(vm);
        JsonNode details = onNode.get(0).path("details");
        assertThat(details.path("deployment_hash").asText()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(details.path("deployment_data").asText()).contains("\"name\":\"myvm\"");
        assertThat(details.path("farm_name").asText()).isEqualTo("freefarm");
        assertThat(onNode.get(0).path("type").asText()).isEqualTo("node");
        assertThat(onNode.get(0).path("created_at").asLong()).isPositive();

        JsonNode stats = HttpGet.get(url, "/stats").body();
        assertThat(stats.path("nodes").asInt()).isEqualTo(chain.nodes().size());
        assertThat(stats.path("farms").asInt()).isEqualTo(5);
        assertThat(stats.path("twins").asInt()).isEqualTo(chain.twins().size());
        assertThat(stats.path("contracts").asInt()).isEqualTo(2);
        assertThat(stats.path("gateways").asInt()).isEqualTo(2);
    }

    @Test
    void billsAppearOnceTheChainBillsAContract() throws Exception {
        URI url = start(LocalTfchainConfig.builder().billingFrequency(2).distributionFrequency(2));
        ChainUser bob = ChainUser.withTwin(chain, BigInteger.valueOf(10 * TfchainRuntime.ONE_TFT));
        long name = bob.nameContract("billed");

        JsonNode bills = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (bills == null || bills.size() < 3) {
            assertThat(System.nanoTime()).as("the contract is billed three times").isLessThan(deadline);
            Thread.sleep(50);
            bills = HttpGet.get(url, "/contracts/" + name + "/bills").body();
        }
        assertThat(bills.get(0).path("amountBilled").asLong()).isPositive();
        assertThat(bills.get(0).path("discountReceived").asText()).isEqualTo("None");
        assertThat(bills.get(0).path("timestamp").asLong()).isGreaterThanOrEqualTo(bills.get(1).path("timestamp")
                .asLong());
        HttpGet.Answer paged = HttpGet.get(url, "/contracts/" + name + "/bills?size=1&ret_count=true");
        assertThat(paged.body()).hasSize(1);
        assertThat(Long.parseLong(paged.count())).isGreaterThanOrEqualTo(3);
        assertThat(HttpGet.get(url, "/contracts/9999/bills").status()).isEqualTo(404);
    }
}
