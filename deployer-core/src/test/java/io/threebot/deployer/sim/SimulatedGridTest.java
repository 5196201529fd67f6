package io.threebot.deployer.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.grid.GridConflictException;
import io.threebot.deployer.grid.GridPaymentRequiredException;
import io.threebot.deployer.grid.GridUnauthorizedException;
import io.threebot.deployer.grid.GridUnavailableException;
import io.threebot.deployer.model.Capacity;
import io.threebot.deployer.model.ContainerSpec;
import io.threebot.deployer.model.DiskType;
import io.threebot.deployer.model.GridUser;
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.PoolRequest;
import io.threebot.deployer.model.PoolReservation;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.spi.GridIdentity;
import io.threebot.deployer.spi.PaymentRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimulatedGridTest {
    private final SimulatedClock clock = new SimulatedClock();
    private final SimulatedGrid grid = SimulatedGrid.withSampleTopology(clock, Duration.ofSeconds(5));
    private final SimulatedPayments payments = new SimulatedPayments(grid, 1_000_000_000_000L);

    private GridIdentity identity(String name) {
        IdentityKeys keys = IdentityKeys.fromSeed(name.repeat(32).substring(0, 32).getBytes());
        GridUser user = grid.registerUser(name, name + "@threefold.me", keys.publicKeyHex());
        return new GridIdentity(user.id(), name, keys);
    }

    private static ContainerSpec silver() {
        return new ContainerSpec("flist", Map.of(), Map.of(), "", false, new Capacity(1, 2048, 4096, DiskType.SSD),
                List.of(), Optional.empty());
    }

    @Test
    void usersAreUniqueByNameAndEmail() {
        identity("alice_bot");
        assertThatThrownBy(() -> identity("alice_bot")).isInstanceOf(GridConflictException.class);
    }

    @Test
    void workloadsNeedAPaidPoolThatLastsTwoMinutesAndRunItDry() {
        GridIdentity me = identity("alice_bot");
        PoolReservation reservation = grid.reservePool(PoolRequest.create(300, 0, List.of("node-ghent-1")), me);
        Workload draft = Workload.draft("node-ghent-1", reservation.reservationId(), "r", "", clock.instant(),
                silver());
        assertThatThrownBy(() -> grid.deployWorkload(draft, me)).as("unpaid")
                .isInstanceOf(GridPaymentRequiredException.class);

        payments.pay(new PaymentRequest(reservation.escrowAddress(), reservation.asset(),
                reservation.amountStroops(), reservation.memo()));
        assertThat(grid.getPoolPayment(reservation.reservationId()).orElseThrow().usable()).isTrue();
        long id = grid.deployWorkload(draft, me);
        assertThat(grid.getWorkload(id).orElseThrow().result()).as("before the deploy delay").isEmpty();
        clock.advance(Duration.ofSeconds(5));
        assertThat(grid.getWorkload(id).orElseThrow().result()).isPresent();
        // 300 CU-seconds at 0.5 CU a second: empty after 600 s
        assertThat(grid.getPool(reservation.reservationId()).orElseThrow().emptyAt())
                .contains(Instant.parse("2026-11-24T12:10:00Z"));
        clock.advance(Duration.ofMinutes(10));
        assertThat(grid.getWorkload(id).orElseThrow().nextAction()).isEqualTo(NextAction.DELETED);
        assertThat(grid.getPool(reservation.reservationId()).orElseThrow().idle()).isTrue();
    }

    @Test
    void payingTwiceWithOneMemoPaysOnce() {
        GridIdentity me = identity("alice_bot");
        PoolReservation r = grid.reservePool(PoolRequest.create(1000, 0, List.of("node-ghent-1")), me);
        PaymentRequest request = new PaymentRequest(r.escrowAddress(), r.asset(), r.amountStroops(), r.memo());
        long before = payments.balanceStroops();
        assertThat(payments.pay(request)).isEqualTo(payments.pay(request));
        assertThat(payments.balanceStroops()).isEqualTo(before - r.amountStroops());
    }

    @Test
    void onlyThePoolOwnerMayDeployAndDecommission() {
        GridIdentity alice = identity("alice_bot");
        GridIdentity mallory = identity("mallory_bot");
        long pool = grid.reservePool(PoolRequest.create(0, 0, List.of("gw-ghent-1")), alice).reservationId();
        Workload draft = Workload.draft("gw-ghent-1", pool, "", "", clock.instant(),
                new io.threebot.deployer.model.SubdomainSpec("a.3bot.grid.tf", List.of("1.1.1.1")));
        assertThatThrownBy(() -> grid.deployWorkload(draft, mallory)).isInstanceOf(GridUnauthorizedException.class);
        long id = grid.deployWorkload(draft, alice);
        assertThatThrownBy(() -> grid.decommission(id, mallory)).isInstanceOf(GridUnauthorizedException.class);
        GridIdentity forged = new GridIdentity(alice.tid(), "alice_bot", mallory.keys());
        assertThatThrownBy(() -> grid.decommission(id, forged)).isInstanceOf(GridUnauthorizedException.class);
    }

    @Test
    void injectedCallFailuresHitTheNamedMethodOnly() {
        grid.failures().failNextCalls("listFarms", 1);
        assertThat(grid.listGateways()).isNotEmpty();
        assertThatThrownBy(grid::listFarms).isInstanceOf(GridUnavailableException.class);
        assertThat(grid.listFarms()).hasSize(5);
    }
}
