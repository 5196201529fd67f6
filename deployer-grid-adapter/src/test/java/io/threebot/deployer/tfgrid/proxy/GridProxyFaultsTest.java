package io.threebot.deployer.tfgrid.proxy;

import static io.threebot.deployer.tfgrid.proxy.FakeGridProxy.after;
import static io.threebot.deployer.tfgrid.proxy.FakeGridProxy.json;
import static io.threebot.deployer.tfgrid.proxy.FakeGridProxy.ok;
import static io.threebot.deployer.tfgrid.proxy.ProxySamples.array;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.DeployerException.Reason;
import io.threebot.deployer.grid.GridException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every way a gridproxy answer can go wrong, and the typed error the user of the client sees: malformed, incomplete,
 * mistyped, oversized and hostile answers, error statuses, retries, deadlines, an unreachable proxy.
 */
class GridProxyFaultsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private FakeGridProxy proxy;
    private GridProxyClient client;

    @BeforeEach
    void start() throws Exception {
        proxy = new FakeGridProxy();
        client = GridProxyClient.builder().baseUrl(proxy.baseUrl()).deadline(DEADLINE).maxAnswerBytes(64 * 1024)
                .retryBackoff(Duration.ofMillis(20)).build();
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    @Test
    void aMissingRequiredFieldIsNamedByItsPath() {
        String noTwin = ProxySamples.node(12, 30, "up", "", "").replace("\"twinId\":30,", "");
        proxy.on("/nodes", ok(array(ProxySamples.node(11, 29, "up", "", ""), noTwin)));
        assertProtocolError(this::nodes, "lacks [1].twinId");

        proxy.on("/nodes", ok(array(ProxySamples.node(11, 29, "up", "", "")
                .replace("\"used_resources\"", "\"usedResources\""))));
        assertProtocolError(this::nodes, "lacks [0].used_resources");

        proxy.on("/contracts", ok(array("{\"contract_id\":1,\"twin_id\":2,\"state\":\"Created\",\"type\":\"name\"}")));
        assertProtocolError(() -> client.contracts(ContractFilter.any(), PageRequest.first()), "lacks [0].details");
    }

    @Test
    void aFieldOfTheWrongTypeOrOutOfRangeIsNamed() {
        proxy.on("/nodes", ok(array(ProxySamples.node(11, 29, "up", "", "").replace("\"nodeId\":11", "\"nodeId\":\"11\""))));
        assertProtocolError(this::nodes, "string at [0].nodeId where a non-negative integer belongs");

        proxy.on("/nodes", ok(array(ProxySamples.node(11, 29, "up", "", "").replace("\"cru\":16", "\"cru\":-16"))));
        assertProtocolError(this::nodes, "[0].total_resources.cru");

        proxy.on("/nodes", ok(array(ProxySamples.node(11, 29, "up", "", "").replace("\"cru\":16", "\"cru\":1.5"))));
        assertProtocolError(this::nodes, "[0].total_resources.cru");

        proxy.on("/nodes", ok(array(ProxySamples.node(11, 29, "up", "", "")
                .replace("\"sru\":1024209543168", "\"sru\":18446744073709551615"))));
        assertProtocolError(this::nodes, "[0].total_resources.sru");

        proxy.on("/nodes", ok(array(ProxySamples.node(11, 29, "up", "", "").replace("\"healthy\":true", "\"healthy\":1"))));
        assertProtocolError(this::nodes, "[0].healthy where true or false belongs");

        proxy.on("/nodes", ok(array(ProxySamples.node(11, 29, "up", "", "")
                .replace("\"updatedAt\":1760000000", "\"updatedAt\":9223372036854775807"))));
        assertProtocolError(this::nodes, "[0].updatedAt where a time in seconds belongs");

        proxy.on("/nodes", ok(array(ProxySamples.node(11, 29, "up", "", "").replace("\"publicConfig\":{", "\"publicConfig\":[{")
                .replace("\"2a10:b600::33/64\"}", "\"2a10:b600::33/64\"}]"))));
        assertProtocolError(this::nodes, "array at [0].publicConfig where an object belongs");

        proxy.on("/contracts", ok(array(ProxySamples.rentContract(3).replace("\"rent\"", "\"lease\""))));
        assertProtocolError(() -> client.contracts(ContractFilter.any(), PageRequest.first()),
                "unknown contract type at [0].type");
    }

    @Test
    void anAnswerThatIsNotAListingIsAProtocolError() {
        proxy.on("/farms", ok("{\"farms\":[]}"));
        assertProtocolError(() -> client.farms(FarmFilter.any(), PageRequest.first()),
                "object at its top where an array belongs");
        proxy.on("/farms", ok("[1,2]"));
        assertProtocolError(() -> client.farms(FarmFilter.any(), PageRequest.first()),
                "number at [0] where an object belongs");
    }

    @Test
    void malformedOrHostileJsonIsAProtocolError() {
        for (String body : new String[] {"[{\"nodeId\":", "<html>502 Bad Gateway</html>", "[] []", "",
                "[" + "[".repeat(5000) + "]".repeat(5000) + "]", "[{\"nodeId\":1" + "0".repeat(100) + "}]"}) {
            proxy.on("/nodes", ok(body));
            assertProtocolError(this::nodes, "GET /nodes");
        }
    }

    @Test
    void anOversizedAnswerIsCutAtTheCapWhetherItsLengthIsSaidOrNot() {
        String big = array(ProxySamples.node(1, 2, "up", "", "").repeat(1).split("\n")).repeat(1);
        StringBuilder many = new StringBuilder("[");
        for (int i = 1; i <= 60; i++) {
            many.append(i > 1 ? "," : "").append(ProxySamples.node(i, i, "up", "", ""));
        }
        proxy.on("/nodes", ok(many.append("]").toString()));
        assertProtocolError(this::nodes, "more than 65536 bytes");

        proxy.on("/nodes", FakeGridProxy.endless(1L << 30));
        long start = System.nanoTime();
        assertProtocolError(this::nodes, "more than 65536 bytes");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a GiB is not read to find out")
                .isLessThan(DEADLINE);
        assertThat(big).isNotEmpty();
    }

    @Test
    void anErrorStatusCarriesTheProxysTextAndItsReason() {
        proxy.on("/nodes", json(400, "{\"error\":\"invalid sort field: \\\"colour\\\"\"}"));
        GridProxyErrorException refused = error(this::nodes);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.proxyMessage()).isEqualTo("invalid sort field: \"colour\"");
        assertThat(refused.reason()).isEqualTo(Reason.INTERNAL);
        assertThat(refused).hasMessage("the gridproxy answered GET /nodes with HTTP 400: invalid sort field: \"colour\"");

        proxy.on("/twins", json(429, "slow down\u0007 please", "Retry-After", "30"));
        GridProxyErrorException limited = error(() -> client.twins(TwinFilter.any(), PageRequest.first()));
        assertThat(limited.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(limited.proxyMessage()).isEqualTo("slow down  please");

        proxy.on("/farms", json(404, "{\"Status\":\"Not Found\",\"Message\":\"no such thing\"}"));
        GridProxyErrorException missing = error(() -> client.farms(FarmFilter.any(), PageRequest.first()));
        assertThat(missing.reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(missing.proxyMessage()).isEqualTo("no such thing");

        proxy.on("/contracts", json(500, "x".repeat(2000)));
        GridProxyErrorException broken = error(() -> client.contracts(ContractFilter.any(), PageRequest.first()));
        assertThat(broken.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(broken.proxyMessage()).hasSize(503);
        assertThat(proxy.requests()).as("a 4xx and a 500 are not tried again").hasSize(4);
    }

    @Test
    void a503IsTriedAgainAndTheThirdAnswerCounts() {
        proxy.on("/nodes", json(503, "{\"error\":\"db busy\"}"), json(502, "bad gateway"),
                ok(array(ProxySamples.node(5, 6, "up", "", ""))));
        assertThat(nodes().items()).extracting(GridNode::nodeId).containsExactly(5L);
        assertThat(proxy.requests()).hasSize(3).extracting(FakeGridProxy.Seen::rawQuery).containsOnly("page=1&size=50");
    }

    @Test
    void retriesStopAtMaxAttemptsWithTheLastAnswer() {
        proxy.on("/nodes", json(504, "{\"error\":\"upstream timeout\"}"));
        GridProxyErrorException failed = error(this::nodes);
        assertThat(failed.status()).isEqualTo(504);
        assertThat(failed.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(proxy.requests()).hasSize(3);
    }

    @Test
    void retriesNeverWaitPastTheDeadline() throws Exception {
        GridProxyClient patient = GridProxyClient.builder().baseUrl(proxy.baseUrl()).deadline(Duration.ofMillis(600))
                .maxAttempts(10).retryBackoff(Duration.ofMillis(400)).build();
        proxy.on("/nodes", json(503, "busy"));
        long start = System.nanoTime();
        GridProxyErrorException failed = error(() -> patient.nodes(NodeFilter.any(), PageRequest.first()));
        assertThat(failed.status()).isEqualTo(503);
        assertThat(proxy.requests()).as("the second pause would end past the deadline").hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aSlowAnswerEndsAtTheDeadline() {
        proxy.on("/nodes", after(Duration.ofSeconds(30), ok("[]")));
        assertTimeout(this::nodes);
        assertThat(proxy.requests()).as("a timeout is not tried again").hasSize(1);
    }

    @Test
    void aBodyTrickledTooSlowlyEndsAtTheDeadline() {
        proxy.on("/nodes", FakeGridProxy.trickle(array(ProxySamples.node(1, 2, "up", "", "")), Duration.ofMillis(50)));
        assertTimeout(this::nodes);
    }

    @Test
    void anUnreachableProxyIsUnavailableAfterItsAttempts() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        GridProxyClient nowhere = GridProxyClient.builder().baseUrl("http://127.0.0.1:" + closedPort)
                .deadline(DEADLINE).retryBackoff(Duration.ofMillis(10)).build();
        assertThatThrownBy(() -> nowhere.twins(TwinFilter.any(), PageRequest.first()))
                .isExactlyInstanceOf(GridProxyUnavailableException.class)
                .isInstanceOf(GridException.class)
                .hasMessageContaining("could not be reached for GET /twins")
                .satisfies(e -> assertThat(((DeployerException) e).reason()).isEqualTo(Reason.UNAVAILABLE));
    }

    @Test
    void aCountHeaderThatIsNotACountIsAProtocolError() {
        proxy.on("/twins", ok("[]", "count", "many"));
        assertProtocolError(() -> client.twins(TwinFilter.any(), PageRequest.first().withCount()), "count header");
        proxy.on("/twins", ok("[]", "count", "-3"));
        assertProtocolError(() -> client.twins(TwinFilter.any(), PageRequest.first().withCount()), "count header");
    }

    @Test
    void anUnknownStatusOrStateIsReadAsUnknownNotRefused() {
        proxy.on("/nodes", ok(array(ProxySamples.node(1, 2, "hibernating", "", ""))));
        proxy.on("/contracts", ok(array(ProxySamples.nameContract(4).replace("GracePeriod", "OutOfFunds"))));
        assertThat(nodes().items().get(0).status()).isEqualTo(NodeStatus.UNKNOWN);
        assertThat(client.contracts(ContractFilter.any(), PageRequest.first()).items().get(0).state())
                .isEqualTo(ContractState.UNKNOWN);
    }

    private Page<GridNode> nodes() {
        return client.nodes(NodeFilter.any(), PageRequest.first());
    }

    private static void assertProtocolError(ThrowingCallable call, String inMessage) {
        assertThatThrownBy(call).isInstanceOf(GridProxyProtocolException.class).isInstanceOf(GridException.class)
                .hasMessageContaining(inMessage)
                .satisfies(e -> assertThat(((DeployerException) e).reason()).isEqualTo(Reason.UNAVAILABLE));
    }

    private static GridProxyErrorException error(ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(GridProxyErrorException.class);
        return (GridProxyErrorException) thrown;
    }

    private static void assertTimeout(ThrowingCallable call) {
        long start = System.nanoTime();
        assertThatThrownBy(call).isInstanceOf(GridProxyTimeoutException.class)
                .hasMessageContaining("no whole answer within 2000 ms")
                .satisfies(e -> assertThat(((GridProxyTimeoutException) e).deadline()).isEqualTo(DEADLINE));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(DEADLINE.minusMillis(50)).isLessThan(DEADLINE.plusSeconds(3));
    }
}
