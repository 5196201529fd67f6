package io.threebot.deployer.examples.processes;

import static io.threebot.deployer.examples.processes.ProcessCluster.awaitTrue;
import static io.threebot.deployer.examples.processes.ProcessCluster.entry;
import static io.threebot.deployer.examples.processes.ProcessCluster.settle;
import static io.threebot.deployer.examples.processes.ProcessCluster.startDeploy;
import static io.threebot.deployer.examples.processes.ProcessCluster.threebot;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threebot.deployer.examples.processes.ProcessCluster.Host;
import io.threebot.deployer.examples.v3grid.LocalV3Grid;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real processes on TFGrid v3: a local v3 grid ({@code V3GridServer}) in one JVM, host app instances on it with
 * {@code --tfgrid ENDPOINTS} in others, all on one PostgreSQL database. One instance is killed with SIGKILL after
 * its deployments topped up their 3Bots' accounts, while their contracts are being created; the other takes them over
 * once their leases ran out, and every 3Bot ends RUNNING once: its account topped up once, its twin's contracts on the
 * chain exactly one name contract and its network, VM and gateway deployments (none created twice), its user's payment
 * settled once
 * and nothing refunded.
 */
class ProcessKillV3IT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEPLOYMENTS = 4;
    private static ProcessCluster cluster;
    private static ProcessCluster.Database database;

    @BeforeAll
    static void startGridAndDatabase() throws Exception {
        cluster = ProcessCluster.startV3("process-kill-v3");
        database = cluster.database("processesv3");
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void anInstanceKilledWhileContractsAreCreatedLeavesEach3BotRunningOnceToppedUpOnceWithNoContractTwice()
            throws Exception {
        String operator = HexFormat.of().formatHex(LocalV3Grid.sampleOperatorKey().publicKey());
        BigInteger operatorBefore = free(chain(), operator);
        Map<String, String> sessions = new TreeMap<>();
        List<Host> hosts = cluster.hostsAtOnce(database, Map.of(), "v3-survivor", "v3-victim");
        Host survivor = hosts.get(0);
        Host victim = hosts.get(1);
        Map<String, Integer> killedAt = new TreeMap<>();
        try {
            for (int i = 0; i < DEPLOYMENTS; i++) {
                sessions.put("kv3u" + i, startDeploy(victim.client(), "kv3u" + i, "kvbot" + i, true));
            }
            // killed once every account is topped up: the contracts are being created then (or some are done)
            awaitTrue("every 3Bot account topped up", Duration.ofSeconds(60), () -> sessions.keySet().stream()
                    .allMatch(owner -> toppedUp(owner)));
            victim.process().kill();
            database.journalSizes().forEach((owner, size) -> {
                if (sessions.containsKey(owner)) {
                    killedAt.put(owner, size);
                }
            });
            for (Map.Entry<String, String> s : sessions.entrySet()) {
                HostClient.Reply end = settle(survivor.client(), s.getKey(), s.getValue());
                assertThat(end.category()).as("%s: %s", s.getKey(), end.body()).isEqualTo("download_file");
            }
            for (String owner : sessions.keySet()) {
                String name = "kvbot" + owner.substring(4);
                awaitTrue(name + " listed RUNNING", Duration.ofSeconds(30), () -> threebot(survivor.client(), owner,
                        name).path("state").asText().equals("RUNNING"));
            }
        } finally {
            victim.process().close();
            survivor.process().close();
        }
        System.out.println("v3 deployments killed with these numbers of journal entries: " + killedAt);

        JsonNode chain = chain();
        long toppedUp = 0;
        long smallestTopUp = Long.MAX_VALUE;
        for (String owner : sessions.keySet()) {
            String name = "kvbot" + owner.substring(4);
            List<JsonNode> names = contracts(chain, c -> c.path("type").asText().equals("NAME")
                    && c.path("name").asText().equals(name));
            assertThat(names).as("%s: one name contract", name).hasSize(1);
            long twin = names.get(0).path("twinId").asLong();
            List<JsonNode> nodeContracts = contracts(chain, c -> c.path("twinId").asLong() == twin
                    && c.path("type").asText().equals("NODE"));
            // a deployment per node and kind: the network on the VM's node and on the gateway's, the VM, the gateway
            Set<String> deployments = new TreeSet<>();
            Set<Long> nodes = new TreeSet<>();
            Map<String, Integer> kinds = new TreeMap<>();
            for (JsonNode c : nodeContracts) {
                String kind = JSON.readTree(HexFormat.of().parseHex(c.path("deploymentData").asText()))
                        .path("type").asText();
                assertThat(deployments.add(c.path("nodeId").asText() + "/" + kind)).as("%s: no deployment twice: %s",
                        name, nodeContracts).isTrue();
                nodes.add(c.path("nodeId").asLong());
                kinds.merge(kind, 1, Integer::sum);
            }
            assertThat(kinds).as("%s: its deployments", name).isEqualTo(Map.of("vm", 1, "gateway", 1, "network",
                    nodes.size()));
            assertThat(contracts(chain, c -> c.path("twinId").asLong() == twin)).as("%s: nothing else", name)
                    .hasSize(nodeContracts.size() + 1);

            JsonNode journal = database.journals(owner).get(0);
            long before = entry(journal, "account-balance-before").orElseThrow().path("value").asLong();
            long after = entry(journal, "account-top-up").orElseThrow().path("value").asLong();
            toppedUp += after - before;
            smallestTopUp = Math.min(smallestTopUp, after - before);

            List<JsonNode> payments = database.userPayments(owner);
            assertThat(payments).as("%s: one payment", owner).hasSize(1);
            assertThat(payments.get(0).path("status").asText()).as("%s: settled", owner).isEqualTo("SETTLED");
            assertThat(payments.get(0).path("transfers")).as("%s: paid once", owner).hasSize(1);
            assertThat(payments.get(0).path("refunds")).as("%s: nothing refunded", owner).isEmpty();
        }
        long operatorSpent = operatorBefore.subtract(free(chain, operator)).longValueExact();
        assertThat(operatorSpent - toppedUp).as("the operator sent each account its top-up once (spent %s for %s "
                + "in top-ups), fees aside", operatorSpent, toppedUp).isBetween(0L, smallestTopUp - 1);
        assertThat(killedAt.values()).as("killed after the top-ups").allSatisfy(size ->
                assertThat(size).isGreaterThan(2));
    }

    /** Whether the owner's deployment journal holds its account's top-up, done. */
    private static boolean toppedUp(String owner) {
        try {
            return database.journals(owner).stream().anyMatch(j -> entry(j, "account-top-up")
                    .filter(e -> e.path("status").asText().equals("DONE")).isPresent());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> contracts(JsonNode chain, java.util.function.Predicate<JsonNode> which) {
        List<JsonNode> found = new ArrayList<>();
        chain.path("contracts").forEach(c -> {
            if (which.test(c)) {
                found.add(c);
            }
        });
        return found;
    }

    private static BigInteger free(JsonNode chain, String account) {
        return chain.path("accounts").path(account).path("free").bigIntegerValue();
    }

    /** The chain's state as the V3GridServer's activation service dumps it. */
    private static JsonNode chain() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                cluster.grid() + "/state")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("state");
    }
}
