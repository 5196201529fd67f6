package io.threebot.deployer.tfgrid.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.tfgrid.PolkadotOracle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Our client against {@code @threefold/gridproxy_client} (pinned in {@code src/test/node/package-lock.json}), both
 * pointed at one fake gridproxy: for seeded random filters of nodes, gateways, farms, twins and contracts, both must
 * send the same query parameters and read the same records and count from the same answers; and both refuse the same
 * bad values before sending anything. One run of {@code gridproxy-oracle.js} answers every case.
 */
class GridProxyOracleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Random RANDOM = new Random(2211);
    private static final int CASES = 150;
    private static final String[] PLACES = {"Belgium", "Côte d'Ivoire", "São Paulo", "New York", "Egypt", "Ghent"};

    /** One filter parameter both clients know: the TS client's name, a random value, and our builder's setter. */
    private record Param<B>(String tsName, Function<Random, Object> value, BiConsumer<B, Object> java) {
    }

    /** One listing: its endpoint, the parameters both clients share for it, and how our client lists it. */
    private record Listing<B>(String endpoint, List<Param<B>> params, Function<Random, String> record,
                              java.util.function.Supplier<B> builder, Lister<B> lister) {
    }

    @FunctionalInterface
    private interface Lister<B> {
        Page<?> list(GridProxyClient client, B builder, PageRequest page);
    }

    private static Object count(Random r) {
        return (long) r.nextInt(1 << 20) * (r.nextBoolean() ? 1024 : 1);
    }

    private static Object id(Random r) {
        return 1 + r.nextInt(5000);
    }

    private static Object flag(Random r) {
        return r.nextBoolean();
    }

    private static Object place(Random r) {
        return PLACES[r.nextInt(PLACES.length)];
    }

    private static long asLong(Object value) {
        return ((Number) value).longValue();
    }

    private static final List<Param<NodeFilter.Builder>> SHARED_NODE_PARAMS = List.of(
            new Param<>("freeMru", GridProxyOracleTest::count, (b, v) -> b.freeMru(asLong(v))),
            new Param<>("freeSru", GridProxyOracleTest::count, (b, v) -> b.freeSru(asLong(v))),
            new Param<>("freeHru", GridProxyOracleTest::count, (b, v) -> b.freeHru(asLong(v))),
            new Param<>("freeIps", r -> r.nextInt(4), (b, v) -> b.freeIps(asLong(v))),
            new Param<>("city", GridProxyOracleTest::place, (b, v) -> b.city((String) v)),
            new Param<>("country", GridProxyOracleTest::place, (b, v) -> b.country((String) v)),
            new Param<>("farmName", r -> "farm " + r.nextInt(9), (b, v) -> b.farmName((String) v)),
            new Param<>("ipv4", GridProxyOracleTest::flag, (b, v) -> b.ipv4((Boolean) v)),
            new Param<>("ipv6", GridProxyOracleTest::flag, (b, v) -> b.ipv6((Boolean) v)),
            new Param<>("dedicated", GridProxyOracleTest::flag, (b, v) -> b.dedicated((Boolean) v)),
            new Param<>("rentable", GridProxyOracleTest::flag, (b, v) -> b.rentable((Boolean) v)),
            new Param<>("rented", GridProxyOracleTest::flag, (b, v) -> b.rented((Boolean) v)),
            new Param<>("availableFor", GridProxyOracleTest::id, (b, v) -> b.availableFor(asLong(v))),
            new Param<>("farmIds", r -> r.nextBoolean() ? "7" : "1,7,42", (b, v) -> b.farmIds(
                    java.util.Arrays.stream(((String) v).split(",")).map(Long::valueOf).toList())));

    private static final List<Param<NodeFilter.Builder>> NODE_PARAMS;

    static {
        List<Param<NodeFilter.Builder>> nodes = new ArrayList<>(SHARED_NODE_PARAMS);
        nodes.addAll(List.of(
                new Param<>("status", r -> List.of("up", "down", "standby", "up,standby").get(r.nextInt(4)),
                        (b, v) -> b.status(java.util.Arrays.stream(((String) v).split(","))
                                .map(s -> NodeStatus.valueOf(s.toUpperCase(java.util.Locale.ROOT)))
                                .toArray(NodeStatus[]::new))),
                new Param<>("healthy", GridProxyOracleTest::flag, (b, v) -> b.healthy((Boolean) v)),
                new Param<>("domain", GridProxyOracleTest::flag, (b, v) -> b.domain((Boolean) v)),
                new Param<>("region", r -> r.nextBoolean() ? "Europe" : "Africa", (b, v) -> b.region((String) v)),
                new Param<>("rentedBy", GridProxyOracleTest::id, (b, v) -> b.rentedBy(asLong(v))),
                new Param<>("rentableOrRentedBy", GridProxyOracleTest::id,
                        (b, v) -> b.rentableOrRentedBy(asLong(v))),
                new Param<>("ownedBy", GridProxyOracleTest::id, (b, v) -> b.ownedBy(asLong(v))),
                new Param<>("nodeId", GridProxyOracleTest::id, (b, v) -> b.nodeId(asLong(v))),
                new Param<>("totalCru", r -> r.nextInt(64), (b, v) -> b.totalCru(asLong(v))),
                new Param<>("totalMru", GridProxyOracleTest::count, (b, v) -> b.totalMru(asLong(v))),
                new Param<>("totalSru", GridProxyOracleTest::count, (b, v) -> b.totalSru(asLong(v))),
                new Param<>("totalHru", GridProxyOracleTest::count, (b, v) -> b.totalHru(asLong(v))),
                new Param<>("hasGpu", GridProxyOracleTest::flag, (b, v) -> b.hasGpu((Boolean) v)),
                new Param<>("gpuAvailable", GridProxyOracleTest::flag, (b, v) -> b.gpuAvailable((Boolean) v)),
                new Param<>("hasIPv6", GridProxyOracleTest::flag, (b, v) -> b.hasIpv6((Boolean) v)),
                new Param<>("certificationType", r -> "Gold", (b, v) -> b.certificationType((String) v))));
        NODE_PARAMS = List.copyOf(nodes);
    }

    private static final List<Param<NodeFilter.Builder>> GATEWAY_PARAMS;

    static {
        List<Param<NodeFilter.Builder>> gateways = new ArrayList<>(SHARED_NODE_PARAMS);
        gateways.add(new Param<>("status", r -> r.nextBoolean() ? "up" : "down",
                (b, v) -> b.status(NodeStatus.valueOf(((String) v).toUpperCase(java.util.Locale.ROOT)))));
        GATEWAY_PARAMS = List.copyOf(gateways);
    }

    private static final List<Param<FarmFilter.Builder>> FARM_PARAMS = List.of(
            new Param<>("freeIps", r -> r.nextInt(5), (b, v) -> b.freeIps(asLong(v))),
            new Param<>("totalIps", r -> r.nextInt(50), (b, v) -> b.totalIps(asLong(v))),
            new Param<>("pricingPolicyId", GridProxyOracleTest::id, (b, v) -> b.pricingPolicyId(asLong(v))),
            new Param<>("farmId", GridProxyOracleTest::id, (b, v) -> b.farmId(asLong(v))),
            new Param<>("twinId", GridProxyOracleTest::id, (b, v) -> b.twinId(asLong(v))),
            new Param<>("name", r -> "Farm " + r.nextInt(99), (b, v) -> b.name((String) v)),
            new Param<>("nameContains", r -> "arm", (b, v) -> b.nameContains((String) v)),
            new Param<>("certificationType", r -> r.nextBoolean() ? "DIY" : "Certified",
                    (b, v) -> b.certificationType((String) v)),
            new Param<>("dedicated", GridProxyOracleTest::flag, (b, v) -> b.dedicated((Boolean) v)),
            new Param<>("stellarAddress", r -> "GDHJP6TF3UXYXTNEZ2P36J5FH7W4BJJQ4AYYAXC66I2Q2AH5B6O6BCFG",
                    (b, v) -> b.stellarAddress((String) v)),
            new Param<>("nodeHasIPv6", GridProxyOracleTest::flag, (b, v) -> b.nodeHasIpv6((Boolean) v)));

    private static final List<Param<TwinFilter.Builder>> TWIN_PARAMS = List.of(
            new Param<>("twinId", GridProxyOracleTest::id, (b, v) -> b.twinId(asLong(v))));

    private static final List<Param<ContractFilter.Builder>> CONTRACT_PARAMS = List.of(
            new Param<>("contractId", GridProxyOracleTest::id, (b, v) -> b.contractId(asLong(v))),
            new Param<>("twinId", GridProxyOracleTest::id, (b, v) -> b.twinId(asLong(v))),
            new Param<>("nodeId", GridProxyOracleTest::id, (b, v) -> b.nodeId(asLong(v))),
            new Param<>("name", r -> "bot" + r.nextInt(99), (b, v) -> b.name((String) v)),
            new Param<>("type", r -> List.of("node", "name", "rent").get(r.nextInt(3)),
                    (b, v) -> b.type(ContractType.valueOf(((String) v).toUpperCase(java.util.Locale.ROOT)))),
            new Param<>("state", r -> r.nextBoolean() ? List.of("Created") : List.of("Created", "GracePeriod"),
                    (b, v) -> b.state(((List<?>) v).stream().map(s -> s.equals("Created") ? ContractState.CREATED
                            : ContractState.GRACE_PERIOD).toArray(ContractState[]::new))),
            // the TS client puts values into its URL as they are, so a compared value holds no character a URL
            // parser refuses or reads as syntax ({, }, &, #, +, %); our client percent-encodes them all (see
            // GridProxyClientTest)
            new Param<>("deploymentData", r -> "vm:bot " + r.nextInt(9),
                    (b, v) -> b.deploymentData((String) v)),
            new Param<>("deploymentHash", r -> Long.toHexString(r.nextLong()), (b, v) -> b.deploymentHash((String) v)),
            new Param<>("numberOfPublicIps", r -> r.nextInt(3), (b, v) -> b.numberOfPublicIps(asLong(v))));

    private static final List<Listing<?>> LISTINGS = List.of(
            new Listing<>("nodes", NODE_PARAMS, GridProxyOracleTest::randomNode, NodeFilter::builder,
                    (c, b, p) -> c.nodes(b.build(), p)),
            new Listing<>("gateways", GATEWAY_PARAMS, GridProxyOracleTest::randomNode, NodeFilter::builder,
                    (c, b, p) -> c.gateways(b.build(), p)),
            new Listing<>("farms", FARM_PARAMS, r -> ProxySamples.farm(1 + r.nextInt(900)), FarmFilter::builder,
                    (c, b, p) -> c.farms(b.build(), p)),
            new Listing<>("twins", TWIN_PARAMS, r -> ProxySamples.twin(1 + r.nextInt(900)), TwinFilter::builder,
                    (c, b, p) -> c.twins(b.build(), p)),
            new Listing<>("contracts", CONTRACT_PARAMS, GridProxyOracleTest::randomContract,
                    ContractFilter::builder, (c, b, p) -> c.contracts(b.build(), p)));

    private static String randomNode(Random r) {
        return ProxySamples.node(1 + r.nextInt(9000), 1 + r.nextInt(9000),
                List.of("up", "down", "standby").get(r.nextInt(3)), r.nextBoolean() ? "gw" + r.nextInt(9) + ".grid.tf" : "",
                "");
    }

    private static String randomContract(Random r) {
        long id = 1 + r.nextInt(9000);
        return switch (r.nextInt(3)) {
            case 0 -> ProxySamples.nodeContract(id);
            case 1 -> ProxySamples.nameContract(id);
            default -> ProxySamples.rentContract(id);
        };
    }

    /** One case as both sides run it. */
    private record Case(int id, Listing<?> listing, ObjectNode tsQuery, Object javaBuilder, PageRequest page,
                        String body, long total) {
    }

    @Test
    void bothClientsSendTheSameQueriesAndReadTheSameRecords() throws Exception {
        try (FakeGridProxy proxy = new FakeGridProxy()) {
            List<Case> cases = new ArrayList<>();
            ArrayNode tsCases = JSON.createArrayNode();
            for (int id = 0; id < CASES; id++) {
                Case c = randomCase(id);
                cases.add(c);
                for (String side : List.of("ts", "java")) {
                    proxy.on("/" + side + "-" + id + "/" + c.listing().endpoint(), countedAnswer(c));
                }
                tsCases.addObject().put("id", id).put("endpoint", c.listing().endpoint())
                        .put("base", proxy.baseUrl() + "/ts-" + id).set("query", c.tsQuery());
            }
            ObjectNode input = JSON.createObjectNode();
            input.set("cases", tsCases);
            JsonNode answer = PolkadotOracle.run("gridproxy-oracle.js", input);
            assertThat(answer.at("/versions/gridproxyClient").asText()).isEqualTo("2.9.2");

            Map<String, FakeGridProxy.Seen> seen = new HashMap<>();
            GridProxyClient[] clients = new GridProxyClient[CASES];
            for (Case c : cases) {
                clients[c.id()] = GridProxyClient.builder().baseUrl(proxy.baseUrl() + "/java-" + c.id()).build();
            }
            for (Case c : cases) {
                JsonNode ts = answer.get("results").get(c.id());
                assertThat(ts.has("error")).as("case %d: the TS client refused %s: %s", c.id(), c.tsQuery(),
                        ts.path("error").asText()).isFalse();
                Page<?> ours = list(c, clients[c.id()]);
                compareRecords(c, ours, ts);
            }
            for (FakeGridProxy.Seen request : proxy.requests()) {
                seen.put(request.path(), request);
            }
            for (Case c : cases) {
                FakeGridProxy.Seen ts = seen.get("/ts-" + c.id() + "/" + c.listing().endpoint());
                FakeGridProxy.Seen java = seen.get("/java-" + c.id() + "/" + c.listing().endpoint());
                assertThat(ts).as("case %d: the TS client asked", c.id()).isNotNull();
                assertThat(java.parameters()).as("case %d (%s %s): the parameters sent", c.id(),
                        c.listing().endpoint(), c.tsQuery()).isEqualTo(ts.parameters());
            }
        }
    }

    @Test
    void bothClientsRefuseTheSameBadValuesWithoutSendingThem() throws Exception {
        try (FakeGridProxy proxy = new FakeGridProxy()) {
            ArrayNode tsCases = JSON.createArrayNode();
            List<Runnable> ours = new ArrayList<>();
            GridProxyClient client = GridProxyClient.builder().baseUrl(proxy.baseUrl()).build();
            addRefusal(tsCases, proxy, "nodes", "freeMru", -1, ours, () -> NodeFilter.builder().freeMru(-1));
            addRefusal(tsCases, proxy, "nodes", "availableFor", 0, ours, () -> NodeFilter.builder().availableFor(0));
            addRefusal(tsCases, proxy, "nodes", "nodeId", -4, ours, () -> NodeFilter.builder().nodeId(-4));
            addRefusal(tsCases, proxy, "gateways", "freeIps", -2, ours, () -> NodeFilter.builder().freeIps(-2));
            addRefusal(tsCases, proxy, "farms", "farmId", 0, ours, () -> FarmFilter.builder().farmId(0));
            addRefusal(tsCases, proxy, "twins", "twinId", -3, ours, () -> TwinFilter.builder().twinId(-3));
            addRefusal(tsCases, proxy, "contracts", "numberOfPublicIps", -1, ours,
                    () -> ContractFilter.builder().numberOfPublicIps(-1));
            addRefusal(tsCases, proxy, "contracts", "size", -5, ours, () -> client.contracts(ContractFilter.any(),
                    PageRequest.first(-5)));
            ObjectNode input = JSON.createObjectNode();
            input.set("cases", tsCases);
            JsonNode answer = PolkadotOracle.run("gridproxy-oracle.js", input);
            for (int i = 0; i < ours.size(); i++) {
                assertThat(answer.get("results").get(i).path("error").asText()).as("TS refuses case %d", i)
                        .isNotEmpty();
                assertThatThrownBy(ours.get(i)::run).isInstanceOf(InvalidInputException.class);
            }
            assertThat(proxy.requests()).isEmpty();
        }
    }

    private static void addRefusal(ArrayNode tsCases, FakeGridProxy proxy, String endpoint, String tsName, long value,
                                   List<Runnable> ours, Runnable java) {
        ObjectNode query = JSON.createObjectNode().put(tsName, value);
        tsCases.addObject().put("id", tsCases.size()).put("endpoint", endpoint).put("base", proxy.baseUrl().toString())
                .set("query", query);
        ours.add(java);
    }

    private static Case randomCase(int id) {
        Listing<?> listing = LISTINGS.get(id % LISTINGS.size());
        return build(id, listing);
    }

    @SuppressWarnings("unchecked")
    private static <B> Case build(int id, Listing<B> listing) {
        ObjectNode query = JSON.createObjectNode();
        B builder = listing.builder().get();
        List<Param<B>> params = new ArrayList<>(listing.params());
        java.util.Collections.shuffle(params, RANDOM);
        int n = RANDOM.nextInt(Math.min(6, params.size()) + 1);
        for (Param<B> param : params.subList(0, n)) {
            Object value = param.value().apply(RANDOM);
            query.set(param.tsName(), JSON.valueToTree(value));
            param.java().accept(builder, value);
        }
        PageRequest page = new PageRequest(1 + RANDOM.nextInt(5), 1 + RANDOM.nextInt(100), RANDOM.nextBoolean());
        query.put("page", page.page()).put("size", page.size());
        if (page.countTotal()) {
            query.put("retCount", true);
        }
        List<String> records = new ArrayList<>();
        for (int i = RANDOM.nextInt(4); i > 0; i--) {
            records.add(listing.record().apply(RANDOM));
        }
        return new Case(id, listing, query, builder, page, "[" + String.join(",", records) + "]",
                RANDOM.nextInt(1000));
    }

    /** The case's page, with the count header only when asked for it, as the proxy does. */
    private static FakeGridProxy.Reply countedAnswer(Case c) {
        return exchange -> {
            boolean counted = FakeGridProxy.decode(exchange.getRequestURI().getRawQuery()).containsKey("ret_count");
            (counted ? FakeGridProxy.ok(c.body(), "count", Long.toString(c.total())) : FakeGridProxy.ok(c.body()))
                    .send(exchange);
        };
    }

    @SuppressWarnings("unchecked")
    private static Page<?> list(Case c, GridProxyClient client) {
        return ((Lister<Object>) (Lister<?>) c.listing().lister()).list(client, c.javaBuilder(), c.page());
    }

    /** Our records against what the TS client read (the JSON itself: it does not convert), field by field. */
    private static void compareRecords(Case c, Page<?> ours, JsonNode ts) {
        String as = "case " + c.id() + " " + c.listing().endpoint();
        if (c.page().countTotal()) {
            assertThat(ours.totalCount()).as(as + " count").contains(ts.get("count").asLong());
        } else {
            assertThat(ts.get("count").isNull()).as(as + " no count without ret_count").isTrue();
            assertThat(ours.totalCount()).isEmpty();
        }
        JsonNode data = ts.get("data");
        assertThat(ours.items()).as(as + " records").hasSize(data.size());
        for (int i = 0; i < data.size(); i++) {
            JsonNode theirs = data.get(i);
            Object mine = ours.items().get(i);
            if (mine instanceof GridNode node) {
                assertThat(node.nodeId()).as(as).isEqualTo(theirs.get("nodeId").asLong());
                assertThat(node.twinId()).as(as).isEqualTo(theirs.get("twinId").asLong());
                assertThat(node.farmId()).as(as).isEqualTo(theirs.get("farmId").asLong());
                assertThat(node.status().wireName()).as(as).isEqualTo(theirs.get("status").asText());
                assertThat(node.healthy()).as(as).isEqualTo(theirs.get("healthy").asBoolean());
                assertThat(node.domain().orElse("")).as(as).isEqualTo(theirs.at("/publicConfig/domain").asText());
                assertThat(node.totalResources().mru()).isEqualTo(theirs.at("/total_resources/mru").asLong());
                assertThat(node.usedResources().sru()).isEqualTo(theirs.at("/used_resources/sru").asLong());
                assertThat(node.country()).isEqualTo(theirs.get("country").asText());
            } else if (mine instanceof Farm farm) {
                assertThat(farm.farmId()).as(as).isEqualTo(theirs.get("farmId").asLong());
                assertThat(farm.name()).as(as).isEqualTo(theirs.get("name").asText());
                assertThat(farm.twinId()).as(as).isEqualTo(theirs.get("twinId").asLong());
                assertThat(farm.publicIps()).hasSize(theirs.get("publicIps").size());
            } else if (mine instanceof GridTwin twin) {
                assertThat(twin.twinId()).as(as).isEqualTo(theirs.get("twinId").asLong());
                assertThat(twin.accountId()).as(as).isEqualTo(theirs.get("accountId").asText());
                assertThat(twin.relay().orElse("")).as(as).isEqualTo(theirs.get("relay").asText());
            } else if (mine instanceof GridContract contract) {
                assertThat(contract.contractId()).as(as).isEqualTo(theirs.get("contract_id").asLong());
                assertThat(contract.type().wireName()).as(as).isEqualTo(theirs.get("type").asText());
                assertThat(contract.state().wireName()).as(as).isEqualTo(theirs.get("state").asText());
                if (contract.details() instanceof NodeContractDetails details) {
                    assertThat(details.nodeId()).isEqualTo(theirs.at("/details/nodeId").asLong());
                    assertThat(details.deploymentHash()).isEqualTo(theirs.at("/details/deployment_hash").asText());
                }
            } else {
                throw new AssertionError("unexpected record " + mine);
            }
        }
    }
}
