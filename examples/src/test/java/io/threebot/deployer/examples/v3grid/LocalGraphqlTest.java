package io.threebot.deployer.examples.v3grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The indexer GraphQL endpoint answers the queries {@code @threefold/grid_client} sends (their text as the client
 * writes it: {@code clients/graphql/client.ts}, {@code clients/tf-grid/contracts.ts}, {@code primitives/nodes.ts})
 * from the chain, and refuses anything else with an error naming it.
 */
class LocalGraphqlTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private LocalTfchain chain;
    private LocalGraphql graphql;

    @AfterEach
    void stop() {
        if (graphql != null) {
            graphql.close();
        }
        if (chain != null) {
            chain.close();
        }
    }

    private URI start(LocalTfchainConfig.Builder config) throws Exception {
        chain = LocalTfchain.start(config.blockInterval(Duration.ofMillis(50)).build());
        graphql = LocalGraphql.start(chain, new FakeNodeUsage().down(3), 0);
        return graphql.url();
    }

    private HttpGet.Answer query(String query, Map<String, Object> variables) throws Exception {
        return HttpGet.post(graphql.url(), JSON.writeValueAsString(Map.of("query", query, "variables", variables)));
    }

    private JsonNode data(String query, Map<String, Object> variables) throws Exception {
        HttpGet.Answer answer = query(query, variables);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body().path("data");
    }

    private String error(String query) throws Exception {
        HttpGet.Answer answer = query(query, Map.of());
        assertThat(answer.status()).isEqualTo(400);
        return answer.body().path("errors").get(0).path("message").asText();
    }

    private long count(String itemName, String options) throws Exception {
        // grid_client's Graphql.getItemTotalCount
        String countBody = "query { items: " + itemName + "Connection" + options + " { count: totalCount } }";
        return data(countBody, Map.of()).path("items").path("count").asLong();
    }

    private static List<String> texts(JsonNode list, String field) {
        List<String> values = new ArrayList<>();
        list.forEach(item -> values.add(item.path(field).asText()));
        return values;
    }

    @Test
    void nodesFarmsTwinsAndPublicIpsAreAnsweredAsTheIndexerAnswersThem() throws Exception {
        start(LocalTfchainConfig.builder());
        Node gateway = chain.nodes().stream().filter(Node::isGateway).findFirst().orElseThrow();
        String getNodeTwinId = """
                query getNodeTwinId($nodeId: Int!){
                            nodes(where: { nodeID_eq: $nodeId }) {
                            twinID
                            }
                        }""";
        assertThat(data(getNodeTwinId, Map.of("nodeId", gateway.id())).path("nodes").get(0).path("twinID").asLong())
                .isEqualTo(gateway.twinId());
        assertThat(data(getNodeTwinId, Map.of("nodeId", 999)).path("nodes")).isEmpty();

        assertThat(count("nodes", "(orderBy: nodeID_ASC)")).isEqualTo(chain.nodes().size());
        assertThat(count("farms", "(orderBy: farmID_ASC)")).isEqualTo(5);
        assertThat(count("nodes", "(where: {farmID_eq: 1}, orderBy: nodeID_ASC)"))
                .isEqualTo(chain.nodes().stream().filter(n -> n.farmId() == 1).count());

        String getIps = "query getIps($id: Int!) { publicIps(where: { contractId_eq: 0, farm: {farmID_eq: $id}}) "
                + "{id}}";
        assertThat(data(getIps, Map.of("id", 1)).path("publicIps")).hasSize(2);
        assertThat(data(getIps, Map.of("id", 4)).path("publicIps")).isEmpty();
        String farmOfNode = "query getFarmId($id: Int!) { nodes(where: { nodeID_eq: $id }) { id: farmID }}";
        assertThat(data(farmOfNode, Map.of("id", gateway.id())).path("nodes").get(0).path("id").asLong())
                .isEqualTo(gateway.farmId());

        JsonNode farms = data("{ farms(where: {name_eq: \"freefarm\"}) { farmID name publicIPs { ip contractId } } }",
                Map.of()).path("farms");
        assertThat(farms.get(0).path("publicIPs").findValuesAsText("ip")).contains("185.206.122.33/24");
        assertThat(farms.get(0).path("publicIPs").get(0).path("contractId").asText()).isEqualTo("0");

        JsonNode gateways = data("{ nodes(where: {publicConfig: {domain_isNull: false}}, orderBy: nodeID_DESC) "
                + "{ nodeID publicConfig { domain ipv4 } power { state } } }", Map.of()).path("nodes");
        assertThat(gateways.findValuesAsText("domain")).containsExactly("3bot.toronto.grid.tf", "3bot.grid.tf");
        JsonNode paged = data("{ nodes(orderBy: nodeID_ASC, limit: 2, offset: 2) { nodeID power { state } } }",
                Map.of()).path("nodes");
        assertThat(texts(paged, "nodeID")).containsExactly("3", "4");
        assertThat(paged.get(0).path("power").path("state").asText()).as("node 3 reported down").isEqualTo("Down");
        assertThat(texts(data("{ nodes(where: {nodeID_in: [1, 5], country_eq: \"Austria\"}) { nodeID } }", Map.of())
                .path("nodes"), "nodeID")).containsExactly("5");
        assertThat(texts(data("{ nodes(where: {OR: [{nodeID_lt: 2}, {nodeID_gte: 11}]}) { nodeID } }", Map.of())
                .path("nodes"), "nodeID")).containsExactly("1", "11");

        ChainUser carol = ChainUser.withTwin(chain, BigInteger.valueOf(10 * TfchainRuntime.ONE_TFT));
        JsonNode twins = data("query getTwin($address: String!) { twins(where: {accountID_eq: $address}) "
                + "{ twinID accountID relay } }", Map.of("address", carol.address())).path("twins");
        assertThat(twins.get(0).path("twinID").asLong()).isEqualTo(carol.twinId());
        assertThat(twins.get(0).path("relay").asText()).isEqualTo("relay.local");
    }

    @Test
    void contractsAndBillReportsAreListedAsTheGridClientListsThem() throws Exception {
        start(LocalTfchainConfig.builder().billingFrequency(2).distributionFrequency(2));
        ChainUser alice = ChainUser.withTwin(chain, BigInteger.valueOf(10 * TfchainRuntime.ONE_TFT));
        long vm = alice.nodeContract(1, "0123456789abcdef0123456789abcdef",
                "{\"type\":\"vm\",\"name\":\"myvm\",\"projectName\":\"vm/myvm\"}");
        long network = alice.nodeContract(1, "00000000000000000000000000000001",
                "{\"type\":\"network\",\"name\":\"mynet\",\"projectName\":\"vm/myvm\"}");
        long name = alice.nameContract("mybot");
        long gone = alice.nodeContract(2, "fedcba9876543210fedcba9876543210", "{\"type\":\"vm\"}");
        alice.send("SmartContractModule", "cancel_contract", gone);
        long twin = alice.twinId();

        // TFContracts.listContractsByTwinId
        String state = "[Created, GracePeriod]";
        String opts = "(where: {twinID_eq: " + twin + ", state_in: " + state + "}, orderBy: twinID_ASC)";
        long nameContractsCount = count("nameContracts", opts);
        long nodeContractsCount = count("nodeContracts", opts);
        long rentContractsCount = count("rentContracts", opts);
        assertThat(List.of(nameContractsCount, nodeContractsCount, rentContractsCount)).containsExactly(1L, 2L, 0L);
        String body = """
                query getContracts($nameContractsCount: Int!, $nodeContractsCount: Int!, $rentContractsCount: Int!){
                  nameContracts(where: {twinID_eq: TWIN, state_in: STATE}, limit: $nameContractsCount) {
                    contractID
                    createdAt
                    name
                    solutionProviderID
                    state
                    twinID
                  }
                  nodeContracts(where: {twinID_eq: TWIN, state_in: STATE}, limit: $nodeContractsCount) {
                    contractID
                    deploymentData
                    state
                    createdAt
                    nodeID
                    numberOfPublicIPs
                  }
                  rentContracts(where: {twinID_eq: TWIN, state_in: STATE}, limit: $rentContractsCount) {
                    contractID
                    createdAt
                    nodeID
                    solutionProviderID
                    state
                    twinID
                  }
                }""".replace("TWIN", String.valueOf(twin)).replace("STATE", state);
        JsonNode contracts = data(body, Map.of("nameContractsCount", nameContractsCount, "nodeContractsCount",
                nodeContractsCount, "rentContractsCount", rentContractsCount));
        assertThat(texts(contracts.path("nameContracts"), "name")).containsExactly("mybot");
        assertThat(texts(contracts.path("nameContracts"), "contractID")).containsExactly(String.valueOf(name));
        assertThat(texts(contracts.path("nodeContracts"), "contractID"))
                .containsExactly(String.valueOf(vm), String.valueOf(network));
        assertThat(texts(contracts.path("nodeContracts"), "state")).containsOnly("Created");
        assertThat(contracts.path("nodeContracts").get(0).path("deploymentData").asText()).contains("myvm");
        assertThat(contracts.path("rentContracts")).isEmpty();

        // TFContracts.listNodeContractsByTwinId with a type and a node
        String filterQuery = " , nodeID_eq: 1 , AND: [{ deploymentData_contains: \"\\\"type\\\":\\\"vm\\\"\" },]";
        String byType = """
                query getContracts($nodeContractsCount: Int!){
                  nodeContracts(where: {twinID_eq: TWIN, state_in: STATEFILTER}, limit: $nodeContractsCount) {
                    contractID
                    deploymentData
                    state
                    createdAt
                    nodeID
                    numberOfPublicIPs
                  }
                }""".replace("TWIN", String.valueOf(twin)).replace("STATE", state).replace("FILTER", filterQuery);
        assertThat(texts(data(byType, Map.of("nodeContractsCount", 10)).path("nodeContracts"), "contractID"))
                .containsExactly(String.valueOf(vm));
        JsonNode deleted = data("{ nodeContracts(where: {twinID_eq: " + twin + ", state_eq: Deleted}) "
                + "{ contractID state } }", Map.of()).path("nodeContracts");
        assertThat(texts(deleted, "contractID")).containsExactly(String.valueOf(gone));

        // TFContracts.getConsumption, once the name contract was billed twice
        String getConsumption = """
                query getConsumption($contractId: BigInt!){
                            contractBillReports(where: {contractID_eq: $contractId}, limit: 2 , orderBy: timestamp_DESC) {
                                amountBilled
                                timestamp
                            }
                            nodeContracts(where: {contractID_eq: $contractId}) {
                                createdAt
                              }
                            nameContracts(where: {contractID_eq: $contractId}) {
                                createdAt
                              }
                            rentContracts(where: {contractID_eq: $contractId}) {
                                createdAt
                              }
                          }""";
        JsonNode consumption = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumption == null || consumption.path("contractBillReports").size() < 2) {
            assertThat(System.nanoTime()).as("the name contract is billed twice").isLessThan(deadline);
            Thread.sleep(50);
            consumption = data(getConsumption, Map.of("contractId", name));
        }
        JsonNode reports = consumption.path("contractBillReports");
        assertThat(new BigInteger(reports.get(0).path("amountBilled").asText())).isPositive();
        assertThat(reports.get(0).path("timestamp").asLong()).isGreaterThan(reports.get(1).path("timestamp")
                .asLong());
        assertThat(consumption.path("nameContracts")).hasSize(1);
        assertThat(consumption.path("nodeContracts")).isEmpty();
    }

    @Test
    void whatIsNotSupportedOrNotGraphqlIsAnErrorNamingIt() throws Exception {
        start(LocalTfchainConfig.builder());
        assertThat(error("{ nodes { nodeID certificationTypo } }"))
                .isEqualTo("the local grid's GraphQL does not support field 'certificationTypo' on Node");
        assertThat(error("{ deployments { id } }")).contains("'deployments' on Query");
        assertThat(error("{ nodes(where: {colour_eq: \"red\"}) { nodeID } }")).contains("colour_eq", "Node");
        assertThat(error("{ nodesConnection { edges { node { nodeID } } } }")).contains("edges");
        assertThat(error("{ nodes { nodeID }")).contains("ends");
        assertThat(error("{ nodes { ...NodeFields } } fragment NodeFields on Node { nodeID }"))
                .contains("fragments");
        assertThat(error("mutation { nodes { nodeID } }")).contains("mutation");
        assertThat(error("query q($id: Int!) { nodes(where: {nodeID_eq: $id}) { nodeID } }")).contains("$id");
        assertThat(error("{ nodes(where: {nodeID_eq: \"1}) { nodeID } }")).contains("string");
        assertThat(error("{" + "nodes { location ".repeat(100) + "}".repeat(201))).contains("deeper");
        HttpGet.Answer notJson = HttpGet.post(graphql.url(), "{query");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().path("errors").get(0).path("message").asText()).contains("not a JSON object");
        assertThat(HttpGet.post(graphql.url(), "{\"query\": \"{ nodes { nodeID } }\", \"variables\": [1]}")
                .body().toString()).contains("variables");
    }
}
