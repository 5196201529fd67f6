package io.threebot.deployer.explorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.grid.GridConflictException;
import io.threebot.deployer.grid.GridException;
import io.threebot.deployer.grid.GridPaymentRequiredException;
import io.threebot.deployer.grid.GridUnauthorizedException;
import io.threebot.deployer.model.Capacity;
import io.threebot.deployer.model.ContainerSpec;
import io.threebot.deployer.model.DiskType;
import io.threebot.deployer.model.Farm;
import io.threebot.deployer.model.Gateway;
import io.threebot.deployer.model.GridUser;
import io.threebot.deployer.model.NetworkConnection;
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.Node;
import io.threebot.deployer.model.PoolRequest;
import io.threebot.deployer.model.PoolReservation;
import io.threebot.deployer.model.ResultState;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.model.SubdomainSpec;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.sim.SimulatedPayments;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.GridIdentity;
import io.threebot.deployer.spi.PaymentRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GridClient} promises, run against the in-memory grid and against the explorer adapter over
 * HTTP, so that both behave the same.
 */
abstract class GridClientContract {
    protected final SimulatedGrid sim = SimulatedGrid.withSampleTopology(Clock.systemUTC(), Duration.ZERO);
    protected final SimulatedPayments payments = new SimulatedPayments(sim, 1_000_000_000_000L);

    /** The client under test, reaching {@link #sim}. */
    protected abstract GridClient grid();

    protected GridIdentity identityFor(String name) {
        return identity(name);
    }

    private GridIdentity identity(String name) {
        IdentityKeys keys = IdentityKeys.fromSeed((name + "-".repeat(32)).substring(0, 32)
                .getBytes(StandardCharsets.US_ASCII));
        GridUser user = grid().registerUser(name, name + "@threefold.me", keys.publicKeyHex());
        return new GridIdentity(user.id(), name, keys);
    }

    private long paidPool(GridIdentity owner, List<String> nodes, long cus) {
        PoolReservation r = grid().reservePool(PoolRequest.create(cus, 0, nodes), owner);
        if (r.amountStroops() > 0) {
            payments.pay(new PaymentRequest(r.escrowAddress(), r.asset(), r.amountStroops(), r.memo()));
        }
        return r.reservationId();
    }

    @Test
    void directory() {
        assertThat(grid().listFarms()).extracting(Farm::id).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(grid().getFarm(3)).map(f -> f.location().continent()).contains("North America");
        assertThat(grid().getFarm(999)).isEmpty();
        List<Node> nodes = grid().listNodes(1);
        assertThat(nodes).extracting(Node::nodeId).containsExactly("node-ghent-1", "node-ghent-2", "node-ghent-3");
        Node first = nodes.get(0);
        assertThat(first.isUp(Clock.systemUTC())).isTrue();
        assertThat(first.total().cru()).isEqualTo(16);
        assertThat(first.publicIpv4()).isPresent();
        assertThat(nodes.get(1).publicIpv4()).isEmpty();
        assertThat(grid().getNode("node-tokyo-1")).map(Node::farmId).contains(4L);
        assertThat(grid().getNode("nope")).isEmpty();
        Gateway gateway = grid().getGateway("gw-ghent-1").orElseThrow();
        assertThat(gateway.managedDomains()).contains("3bot.grid.tf");
        assertThat(gateway.dnsNameservers()).containsExactly("ns1.gw-ghent-1.grid.tf");
        assertThat(gateway.tcpRouterPort()).isEqualTo(6060);
        assertThat(grid().listGateways()).hasSize(2);
    }

    @Test
    void phonebook() {
        assertThat(grid().findUser("carol_bot")).isEmpty();
        GridIdentity carol = identity("carol_bot");
        assertThat(grid().findUser("carol_bot")).map(GridUser::pubkeyHex).contains(carol.keys().publicKeyHex());
        assertThatThrownBy(() -> identity("carol_bot")).isInstanceOf(GridConflictException.class);
    }

    @Test
    void poolsArePaidThenUsable() {
        GridIdentity owner = identity("pool_owner");
        PoolReservation r = grid().reservePool(PoolRequest.create(3600, 0, List.of("node-ghent-1")), owner);
        assertThat(r.amountStroops()).isPositive();
        assertThat(grid().getPoolPayment(r.reservationId()).orElseThrow().usable()).isFalse();
        payments.pay(new PaymentRequest(r.escrowAddress(), r.asset(), r.amountStroops(), r.memo()));
        assertThat(grid().getPoolPayment(r.reservationId()).orElseThrow().usable()).isTrue();
        assertThat(grid().getPool(r.reservationId()).orElseThrow().cus()).isEqualTo(3600);
        assertThat(grid().getPool(r.reservationId()).orElseThrow().idle()).isTrue();
        assertThat(grid().listPools(owner.tid())).hasSize(1);
        assertThat(grid().getPoolPayment(123456)).isEmpty();
        assertThatThrownBy(() -> grid().reservePool(PoolRequest.create(1, 0,
                List.of("node-ghent-1", "node-vienna-1")), owner)).isInstanceOf(GridException.class);
    }

    @Test
    void workloadsDeployListAndDecommission() {
        GridIdentity owner = identity("wl_owner");
        long pool = paidPool(owner, List.of("gw-ghent-1"), 0);
        Workload draft = Workload.draft("gw-ghent-1", pool, "deploy-1/subdomain", "{\"owner\":\"x\"}",
                Instant.now(), new SubdomainSpec("contract.3bot.grid.tf", List.of("185.69.166.10")));
        long id = grid().deployWorkload(draft, owner);
        Workload stored = grid().getWorkload(id).orElseThrow();
        assertThat(stored.result()).map(r -> r.state()).contains(ResultState.OK);
        assertThat(stored.reference()).isEqualTo("deploy-1/subdomain");
        assertThat(((SubdomainSpec) stored.spec()).domain()).isEqualTo("contract.3bot.grid.tf");
        assertThat(grid().listWorkloads(owner.tid())).extracting(Workload::id).containsExactly(id);
        assertThat(grid().getWorkloads(List.of(id, 99999L))).extracting(Workload::id).containsExactly(id);

        grid().decommission(id, owner);
        assertThat(grid().getWorkload(id).orElseThrow().nextAction()).isIn(NextAction.DELETE, NextAction.DELETED);
        grid().decommission(id, owner);
        assertThat(grid().getWorkload(424242)).isEmpty();
    }

    @Test
    void containersKeepTheirShape() {
        GridIdentity owner = identity("ct_owner");
        long pool = paidPool(owner, List.of("node-ghent-1"), 1_000_000);
        ContainerSpec spec = new ContainerSpec("https://hub.grid.tf/x.flist", Map.of("B", "2", "A", "1"),
                Map.of("SECRET", Secret.of("hush")), "", false, new Capacity(1, 2048, 4096, DiskType.SSD),
                List.of(new NetworkConnection("management", "10.100.0.2", true)), Optional.empty());
        long id = grid().deployWorkload(Workload.draft("node-ghent-1", pool, "r", "", Instant.now(), spec), owner);
        ContainerSpec stored = (ContainerSpec) grid().getWorkload(id).orElseThrow().spec();
        assertThat(stored.environment()).containsExactlyInAnyOrderEntriesOf(Map.of("A", "1", "B", "2"));
        assertThat(stored.secretEnvironment()).containsOnlyKeys("SECRET");
        assertThat(stored.capacity()).isEqualTo(spec.capacity());
        assertThat(stored.networkConnections()).isEqualTo(spec.networkConnections());
        assertThat(grid().getPool(pool).orElseThrow().activeCu()).isEqualTo(0.5);
    }

    @Test
    void onlyTheOwnerMayUseAPoolAndAnUnpaidPoolFeedsNothing() {
        GridIdentity owner = identity("rightful");
        GridIdentity other = identity("intruder");
        long gatewayPool = paidPool(owner, List.of("gw-ghent-1"), 0);
        Workload draft = Workload.draft("gw-ghent-1", gatewayPool, "", "", Instant.now(),
                new SubdomainSpec("x.3bot.grid.tf", List.of("1.1.1.1")));
        assertThatThrownBy(() -> grid().deployWorkload(draft, other)).isInstanceOf(GridUnauthorizedException.class);
        long id = grid().deployWorkload(draft, owner);
        assertThatThrownBy(() -> grid().decommission(id, other)).isInstanceOf(GridUnauthorizedException.class);

        PoolReservation unpaid = grid().reservePool(PoolRequest.create(1000, 0, List.of("node-ghent-1")), owner);
        ContainerSpec container = new ContainerSpec("f", Map.of(), Map.of(), "", false,
                new Capacity(1, 1024, 1024, DiskType.SSD), List.of(), Optional.empty());
        assertThatThrownBy(() -> grid().deployWorkload(Workload.draft("node-ghent-1", unpaid.reservationId(), "",
                "", Instant.now(), container), owner)).isInstanceOf(GridPaymentRequiredException.class);
    }
}
