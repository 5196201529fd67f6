package io.threebot.deployer.tfgrid.proxy;

import static io.threebot.deployer.tfgrid.proxy.FakeGridProxy.ok;
import static io.threebot.deployer.tfgrid.proxy.ProxySamples.array;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.tfgrid.TfgridNetwork;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the client sends for each filter and page, and the records it reads from answers shaped as the swagger's. */
class GridProxyClientTest {
    private FakeGridProxy proxy;
    private GridProxyClient client;

    @BeforeEach
    void start() throws Exception {
        proxy = new FakeGridProxy();
        client = GridProxyClient.builder().baseUrl(proxy.baseUrl()).deadline(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    @Test
    void everyNodeFilterIsSentUnderTheProxysName() {
        proxy.on("/nodes", ok("[]"));
        NodeFilter filter = NodeFilter.builder()
                .status(NodeStatus.UP, NodeStatus.STANDBY).healthy(true)
                .freeMru(4L << 30).freeSru(50L << 30).freeHru(0).freeIps(1)
                .totalCru(8).totalMru(16L << 30).totalSru(100L << 30).totalHru(1L << 40)
                .farmIds(1, 7, 42).farmName("Free farm").country("Côte d'Ivoire").city("Ghent").region("Europe")
                .domain(true).ipv4(true).ipv6(false).hasIpv6(true).dedicated(false).inDedicatedFarm(false)
                .rentable(true).rented(false).rentedBy(5).availableFor(42).rentableOrRentedBy(43).ownedBy(9)
                .nodeId(11).twinId(12).excluded(3, 4).certificationType("Certified").hasGpu(false)
                .gpuAvailable(false).features("zmachine", "network")
                .build();

        client.nodes(filter, new PageRequest(2, 20, true));

        FakeGridProxy.Seen seen = proxy.onlyRequest();
        assertThat(seen.path()).isEqualTo("/nodes");
        assertThat(seen.rawQuery()).isEqualTo("available_for=42&certification_type=Certified&city=Ghent"
                + "&country=C%C3%B4te%20d%27Ivoire&dedicated=false&domain=true&excluded=3,4&farm_ids=1,7,42"
                + "&farm_name=Free%20farm&features=zmachine,network&free_hru=0&free_ips=1&free_mru=4294967296"
                + "&free_sru=53687091200&gpu_available=false&has_gpu=false&has_ipv6=true&healthy=true"
                + "&in_dedicated_farm=false&ipv4=true&ipv6=false&node_id=11&owned_by=9&page=2"
                + "&region=Europe&rentable=true&rentable_or_rented_by=43&rented=false&rented_by=5&ret_count=true"
                + "&size=20&status=up,standby&total_cru=8&total_hru=1099511627776&total_mru=17179869184"
                + "&total_sru=107374182400&twin_id=12");
        assertThat(filter.queryParameters()).containsEntry("country", "Côte d'Ivoire")
                .containsEntry("status", "up,standby");
    }

    @Test
    void farmTwinAndContractFiltersAreSentUnderTheProxysNames() {
        proxy.on("/farms", ok("[]")).on("/twins", ok("[]")).on("/contracts", ok("[]"));
        client.farms(FarmFilter.builder().farmId(1).twinId(2).name("Freefarm").nameContains("free").freeIps(2)
                .totalIps(5).pricingPolicyId(1).certificationType("DIY").dedicated(true)
                .stellarAddress("GABC").country("Belgium").region("Europe").nodeFreeMru(1024).nodeFreeSru(2048)
                .nodeFreeHru(4096).nodeTotalCru(4).nodeStatus(NodeStatus.UP).nodeAvailableFor(42)
                .nodeRentedBy(43).nodeHasGpu(false).nodeHasIpv6(true).nodeCertified(true).build(),
                PageRequest.first());
        client.twins(TwinFilter.builder().twinId(42).accountId("5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y")
                .relay("relay.grid.tf").publicKey("0x02a1b2").build(), PageRequest.first(10));
        client.contracts(ContractFilter.builder().contractId(9).twinId(42).nodeId(11).type(ContractType.NODE)
                .state(ContractState.CREATED, ContractState.GRACE_PERIOD).name("mybot").numberOfPublicIps(1)
                .deploymentData("{\"name\":\"bot\"}").deploymentHash("4d7f").farmName("Freefarm").farmId(1).build(),
                PageRequest.first(5).withCount());

        List<FakeGridProxy.Seen> seen = proxy.requests();
        assertThat(seen).extracting(FakeGridProxy.Seen::path).containsExactly("/farms", "/twins", "/contracts");
        assertThat(seen.get(0).rawQuery()).isEqualTo("certification_type=DIY&country=Belgium&dedicated=true"
                + "&farm_id=1&free_ips=2&name=Freefarm&name_contains=free&node_available_for=42"
                + "&node_certified=true&node_free_hru=4096&node_free_mru=1024&node_free_sru=2048"
                + "&node_has_gpu=false&node_has_ipv6=true&node_rented_by=43&node_status=up&node_total_cru=4"
                + "&page=1&pricing_policy_id=1&region=Europe&size=50&stellar_address=GABC&total_ips=5&twin_id=2");
        assertThat(seen.get(1).rawQuery()).isEqualTo("account_id=5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y"
                + "&page=1&public_key=0x02a1b2&relay=relay.grid.tf&size=10&twin_id=42");
        assertThat(seen.get(2).rawQuery()).isEqualTo("contract_id=9&deployment_data=%7B%22name%22%3A%22bot%22%7D"
                + "&deployment_hash=4d7f&farm_id=1&farm_name=Freefarm&name=mybot&node_id=11&number_of_public_ips=1"
                + "&page=1&ret_count=true&size=5&state=Created,GracePeriod&twin_id=42&type=node");
        assertThat(seen.get(2).parameters()).containsEntry("deployment_data", "{\"name\":\"bot\"}");
    }

    @Test
    void anEmptyFilterSendsOnlyThePage() {
        proxy.on("/gateways", ok("[]"));
        client.gateways(NodeFilter.any(), PageRequest.first(3));
        assertThat(proxy.onlyRequest()).isEqualTo(new FakeGridProxy.Seen("/gateways", "page=1&size=3"));
    }

    @Test
    void readsANodeWithEveryFieldItNeedsAndIgnoresTheRest() {
        proxy.on("/nodes", ok(array(ProxySamples.node(11, 29, "up", "gent01.grid.tf", ",\"someNewField\":{\"a\":[1]}"),
                ProxySamples.node(12, 30, "standby", "", ""))));

        Page<GridNode> page = client.nodes(NodeFilter.any(), PageRequest.first(2));

        assertThat(page.items()).hasSize(2);
        GridNode node = page.items().get(0);
        assertThat(node.nodeId()).isEqualTo(11);
        assertThat(node.twinId()).isEqualTo(29);
        assertThat(node.farmId()).isEqualTo(1);
        assertThat(node.farmName()).isEqualTo("Freefarm");
        assertThat(node.country()).isEqualTo("Belgium");
        assertThat(node.city()).isEqualTo("Ghent");
        assertThat(node.status()).isEqualTo(NodeStatus.UP);
        assertThat(node.healthy()).isTrue();
        assertThat(node.totalResources()).isEqualTo(new Resources(16, 67377795072L, 1024209543168L, 8001561821184L));
        assertThat(node.usedResources()).isEqualTo(new Resources(4, 8589934592L, 107374182400L, 0));
        assertThat(node.freeResources()).isEqualTo(new Resources(12, 67377795072L - 8589934592L,
                1024209543168L - 107374182400L, 8001561821184L));
        assertThat(node.domain()).contains("gent01.grid.tf");
        assertThat(node.publicConfig()).get().satisfies(config -> {
            assertThat(config.ipv4()).contains("185.206.122.33/24");
            assertThat(config.ipv6()).contains("2a10:b600::33/64");
            assertThat(config.gw4()).contains("185.206.122.1");
            assertThat(config.gw6()).contains("2a10:b600::1");
        });
        assertThat(node.certificationType()).isEqualTo("Certified");
        assertThat(node.rentable()).isTrue();
        assertThat(node.rented()).isFalse();
        assertThat(node.farmFreeIps()).isEqualTo(3);
        assertThat(node.priceUsd()).isEqualTo(42.5);
        assertThat(node.uptime()).isEqualTo(Duration.ofDays(1));
        assertThat(node.created()).isEqualTo(Instant.ofEpochSecond(1700000000));
        assertThat(node.updatedAt()).isEqualTo(Instant.ofEpochSecond(1760000000));
        assertThat(node.features()).contains("zmachine", "gateway-name-proxy");
        assertThat(page.items().get(1).status()).isEqualTo(NodeStatus.STANDBY);
        assertThat(page.items().get(1).domain()).isEmpty();
        assertThat(page.totalCount()).isEmpty();
        assertThat(page.hasMore()).as("a full page without a count may have a next").isTrue();
        assertThat(page.next()).contains(new PageRequest(2, 2, false));
    }

    @Test
    void pagesFollowTheCountHeaderWhenAskedForIt() {
        proxy.on("/nodes", ok(array(ProxySamples.node(1, 2, "up", "", ""), ProxySamples.node(3, 4, "down", "", "")),
                "count", "5"));

        Page<GridNode> second = client.nodes(NodeFilter.any(), new PageRequest(2, 2, true));
        Page<GridNode> third = client.nodes(NodeFilter.any(), new PageRequest(3, 2, true));
        Page<GridNode> uncounted = client.nodes(NodeFilter.any(), new PageRequest(3, 2, false));

        assertThat(second.totalCount()).contains(5L);
        assertThat(second.next()).contains(new PageRequest(3, 2, true));
        assertThat(third.hasMore()).as("page 3 of 2 holds items 5 and 6 of 5").isFalse();
        assertThat(uncounted.totalCount()).as("a count not asked for is not trusted").isEmpty();
        assertThat(proxy.requests()).extracting(FakeGridProxy.Seen::rawQuery)
                .containsExactly("page=2&ret_count=true&size=2", "page=3&ret_count=true&size=2", "page=3&size=2");
    }

    @Test
    void anEmptyListingMayBeNullAsGoWritesIt() {
        proxy.on("/twins", ok("null", "count", "0"));
        Page<GridTwin> page = client.twins(TwinFilter.any(), PageRequest.first().withCount());
        assertThat(page.items()).isEmpty();
        assertThat(page.totalCount()).contains(0L);
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void readsAContractsBillsNewestFirstAndRefusesABadIdOrABillWithoutItsAmount() {
        proxy.on("/contracts/12/bills", ok("[{\"amountBilled\":5150000,\"discountReceived\":\"None\","
                + "\"timestamp\":1700003600},{\"amountBilled\":5149999,\"discountReceived\":\"Gold\","
                + "\"timestamp\":1700000000}]"));
        proxy.on("/contracts/13/bills", ok("[{\"discountReceived\":\"None\",\"timestamp\":1700003600}]"));

        List<ContractBill> bills = client.bills(12, PageRequest.first(2)).items();

        assertThat(bills).containsExactly(
                new ContractBill(5150000, "None", Instant.ofEpochSecond(1700003600)),
                new ContractBill(5149999, "Gold", Instant.ofEpochSecond(1700000000)));
        assertThat(proxy.onlyRequest()).isEqualTo(new FakeGridProxy.Seen("/contracts/12/bills", "page=1&size=2"));
        assertThatThrownBy(() -> client.bills(13, PageRequest.first()))
                .isInstanceOf(GridProxyProtocolException.class).hasMessageContaining("amountBilled");
        assertInvalid(() -> client.bills(0, PageRequest.first()), "contractId");
    }

    @Test
    void readsOneNodeWithItsResourcesNestedAndNothingForAnUnknownId() {
        proxy.on("/nodes/77", ok(ProxySamples.nodeWithNestedCapacity(77)));

        GridNode node = client.node(77).orElseThrow();
        Optional<GridNode> unknown = client.node(78);

        assertThat(node.twinId()).isEqualTo(177);
        assertThat(node.status()).isEqualTo(NodeStatus.STANDBY);
        assertThat(node.totalResources()).isEqualTo(new Resources(8, 33554432000L, 500107862016L, 0));
        assertThat(node.freeResources().mru()).isEqualTo(33554432000L - 2147483648L);
        assertThat(node.publicConfig()).as("a config of empty strings is none").isEmpty();
        assertThat(unknown).isEmpty();
        assertThat(proxy.requests()).extracting(FakeGridProxy.Seen::path).containsExactly("/nodes/77", "/nodes/78");
    }

    @Test
    void readsFarmsTwinsAndEveryKindOfContract() {
        proxy.on("/farms", ok(array(ProxySamples.farm(1))))
                .on("/twins", ok(array(ProxySamples.twin(42), "{\"twinId\":43,\"accountId\":\"5Ab\",\"relay\":\"\","
                        + "\"publicKey\":null}")))
                .on("/contracts", ok(array(ProxySamples.nodeContract(9), ProxySamples.nameContract(10),
                        ProxySamples.rentContract(11))))
                .on("/contracts/10", ok(ProxySamples.nameContract(10)));

        Farm farm = client.farms(FarmFilter.any(), PageRequest.first()).items().get(0);
        List<GridTwin> twins = client.twins(TwinFilter.any(), PageRequest.first()).items();
        List<GridContract> contracts = client.contracts(ContractFilter.any(), PageRequest.first()).items();

        assertThat(farm.farmId()).isEqualTo(1);
        assertThat(farm.name()).isEqualTo("Farm1");
        assertThat(farm.twinId()).isEqualTo(1001);
        assertThat(farm.stellarAddress()).contains("GDHJP6TF3UXYXTNEZ2P36J5FH7W4BJJQ4AYYAXC66I2Q2AH5B6O6BCFG");
        assertThat(farm.publicIps()).extracting(FarmPublicIp::ip).containsExactly("185.206.122.40/24",
                "185.206.122.41/24");
        assertThat(farm.freeIps()).isEqualTo(1);
        assertThat(twins.get(0)).isEqualTo(new GridTwin(42, "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y",
                Optional.of("relay.grid.tf"), Optional.of("0x02a1b2")));
        assertThat(twins.get(1).relay()).isEmpty();
        assertThat(twins.get(1).publicKey()).isEmpty();
        assertThat(contracts).extracting(GridContract::type)
                .containsExactly(ContractType.NODE, ContractType.NAME, ContractType.RENT);
        assertThat(contracts).extracting(GridContract::state)
                .containsExactly(ContractState.CREATED, ContractState.GRACE_PERIOD, ContractState.DELETED);
        assertThat(contracts.get(0).details()).isEqualTo(new NodeContractDetails(11, "{\"type\":\"vm\",\"name\":\"bot\"}",
                "4d7f3c2b1a0e9f8d7c6b5a4938271605", 1, "Freefarm", 1));
        assertThat(contracts.get(1).details()).isEqualTo(new NameContractDetails("mybot"));
        assertThat(contracts.get(2).details()).isEqualTo(new RentContractDetails(12, "Edge", 7));
        assertThat(contracts.get(2).createdAt()).isEqualTo(Instant.ofEpochSecond(1760000200));
        assertThat(client.contract(10)).contains(contracts.get(1));
        assertThat(client.contract(12)).isEmpty();
    }

    @Test
    void aBaseUrlWithAPathKeepsIt() throws Exception {
        proxy.on("/api/v1/farms", ok("[]"));
        GridProxyClient prefixed = GridProxyClient.builder().baseUrl(proxy.baseUrl() + "/api/v1/").build();
        prefixed.farms(FarmFilter.builder().farmId(3).build(), PageRequest.first(1));
        assertThat(proxy.onlyRequest()).isEqualTo(new FakeGridProxy.Seen("/api/v1/farms", "farm_id=3&page=1&size=1"));
    }

    @Test
    void badFilterValuesAreRefusedBeforeAnythingIsSent() {
        assertInvalid(() -> NodeFilter.builder().freeMru(-1), "free_mru");
        assertInvalid(() -> NodeFilter.builder().availableFor(0), "available_for");
        assertInvalid(() -> NodeFilter.builder().farmIds(), "farm_ids");
        assertInvalid(() -> NodeFilter.builder().farmIds(List.of(1L, -2L)), "farm_ids");
        assertInvalid(() -> NodeFilter.builder().country(" "), "country");
        assertInvalid(() -> NodeFilter.builder().city("Gh\nent"), "city");
        assertInvalid(() -> NodeFilter.builder().country("x".repeat(1025)), "country");
        assertInvalid(() -> NodeFilter.builder().features("zmachine", "a,b"), "features");
        assertInvalid(() -> NodeFilter.builder().status(NodeStatus.UNKNOWN), "status");
        assertInvalid(() -> NodeFilter.builder().status(), "status");
        assertInvalid(() -> FarmFilter.builder().nodeStatus((NodeStatus) null), "node_status");
        assertInvalid(() -> ContractFilter.builder().state(ContractState.UNKNOWN), "state");
        assertInvalid(() -> ContractFilter.builder().type(null), "type");
        assertInvalid(() -> TwinFilter.builder().twinId(-5), "twin_id");
        assertInvalid(() -> new PageRequest(0, 10, false), "page");
        assertInvalid(() -> PageRequest.first(0), "size");
        assertInvalid(() -> PageRequest.first(PageRequest.MAX_SIZE + 1), "size");
        assertInvalid(() -> client.node(0), "nodeId");
        assertInvalid(() -> client.contract(-1), "contractId");
        assertThat(proxy.requests()).isEmpty();
    }

    @Test
    void theBuilderRefusesWhatCannotWork() {
        assertInvalid(() -> GridProxyClient.builder().build(), "baseUrl");
        assertInvalid(() -> GridProxyClient.builder().baseUrl("ftp://gridproxy.grid.tf"), "baseUrl");
        assertInvalid(() -> GridProxyClient.builder().baseUrl("https://gridproxy.grid.tf/?x=1"), "baseUrl");
        assertInvalid(() -> GridProxyClient.builder().baseUrl("not a url"), "baseUrl");
        assertInvalid(() -> GridProxyClient.builder().deadline(Duration.ZERO), "deadline");
        assertInvalid(() -> GridProxyClient.builder().maxAttempts(0), "maxAttempts");
        assertInvalid(() -> GridProxyClient.builder().maxAnswerBytes(10), "maxAnswerBytes");
        assertThat(GridProxyClient.builder().network(TfgridNetwork.TEST).build().baseUrl())
                .isEqualTo(URI.create("https://gridproxy.test.grid.tf"));
    }

    @Test
    void filtersAreValuesAndTheirBuildersCanChangeACopy() {
        NodeFilter a = NodeFilter.builder().healthy(true).status(NodeStatus.UP).build();
        NodeFilter b = NodeFilter.builder().status(NodeStatus.UP).healthy(true).build();
        NodeFilter c = a.toBuilder().country("Belgium").build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
        assertThat(a.queryParameters()).isEqualTo(Map.of("healthy", "true", "status", "up"));
        assertThat(c.toQueryString()).isEqualTo("country=Belgium&healthy=true&status=up");
        assertThat(a).isNotEqualTo(FarmFilter.any());
    }

    static void assertInvalid(Runnable action, String field) {
        assertThatThrownBy(action::run).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> {
                    assertThat(((DeployerException) e).reason()).isEqualTo(DeployerException.Reason.INVALID_INPUT);
                    assertThat(((DeployerException) e).field()).contains(field);
                });
    }

    @Test
    void answersAreReadWithoutAThreadStartedForEach() throws Exception {
        // HttpClient.sendAsync completes each answer on a new thread when the common pool has one thread (2 cores)
        Path out = java.nio.file.Files.createTempFile("threads-per-answer", ".txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.util.concurrent.ForkJoinPool.common.parallelism=1", "-cp",
                System.getProperty("java.class.path"), ThreadsPerAnswer.class.getName())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        String output;
        try {
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("the child JVM ended").isTrue();
        } finally {
            child.destroyForcibly();
            output = java.nio.file.Files.readString(out).strip();
            java.nio.file.Files.deleteIfExists(out);
        }
        String[] lines = output.split("\\R");
        assertThat(lines[lines.length - 1]).as("threads started for 100 answers: " + output).matches("\\d+");
        assertThat(Long.parseLong(lines[lines.length - 1])).as("threads started for 100 answers").isLessThan(20);
    }
}
