package io.threebot.deployer.examples.gridserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.spi.PaymentException;
import io.threebot.deployer.spi.PaymentRequest;
import io.threebot.deployer.spi.RefundOrder;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deployer on a grid server it reaches only over HTTP, as a deployer in another process would. */
class RemoteSimulationTest {
    @TempDir
    Path data;

    @Test
    void aDeployerDeploysOnTheGridServerAndItsStateShowsOnePaymentAndTheWorkloads() throws Exception {
        try (GridServer server = GridServer.start(0, true);
             RemoteSimulation grid = RemoteSimulation.connect(server.url());
             ThreebotDeployer deployer = grid.deployer().settings(TestWorld.fastSettings().build())
                     .dataDirectory(data).build().start()) {
            ChatMessage last = ChatDriver.start(deployer, "remy").runToEnd(Map.of("name", "farbot"));

            assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
            assertThat(deployer.forOwner("remy").threebots()).extracting(ThreebotView::state)
                    .containsExactly(ThreebotState.RUNNING);
            JsonNode state = grid.state();
            assertThat(state.path("operatorPayments")).hasSize(1);
            assertThat(state.path("autoPayerNetStroops").asLong()).as("the user paid").isNegative();
            assertThat(state.path("users").path("remy_farbot").path("workloads")).extracting(w -> w.path("type")
                    .asText()).contains("CONTAINER", "SUBDOMAIN", "REVERSE_PROXY", "NETWORK_RESOURCE");
            assertThat(state.path("gridCalls").path("deployWorkload").asLong()).as("one call per workload")
                    .isEqualTo(state.path("users").path("remy_farbot").path("workloads").size());
            assertThat(state.path("walletCalls").path("operator/pay").asLong()).isEqualTo(1);
        }
    }

    @Test
    void aWalletRefusalComesBackAsAPaymentExceptionWithTheServersReason() throws Exception {
        try (GridServer server = GridServer.start(0, false);
             RemoteSimulation grid = RemoteSimulation.connect(server.url())) {
            assertThatThrownBy(() -> grid.payments().refund("no-such-payment", "test"))
                    .isInstanceOf(PaymentException.class).hasMessageContaining("no payment no-such-payment");
            assertThat(grid.payments().findByMemo("nothing")).isEmpty();
            assertThatThrownBy(() -> grid.payments().pay(new PaymentRequest("not-an-escrow", "TFT", 5, "m-1")))
                    .isInstanceOf(PaymentException.class);
            assertThat(grid.state().path("operatorPayments")).as("nothing moved").isEmpty();
        }
    }

    @Test
    void aHeldRefundIsRefusedAfterItsHoldAndTheStateCountsEveryCallAskedFor() throws Exception {
        try (GridServer server = GridServer.start(0, false);
             RemoteSimulation grid = RemoteSimulation.connect(server.url())) {
            grid.holdNextRefunds("users", 1, Duration.ofMillis(300));
            RefundOrder order = new RefundOrder("key-1", "GUSER", 5, "r-memo");
            long began = System.nanoTime();
            assertThatThrownBy(() -> grid.userPayments().refund(order)).isInstanceOf(PaymentException.class)
                    .hasMessageContaining("held");
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(grid.state().path("userRefunds")).as("nothing moved").isEmpty();
            assertThat(grid.userPayments().refund(order).idempotencyKey()).as("the next one goes through")
                    .isEqualTo("key-1");
            grid.failNextWorkloads(WorkloadType.CONTAINER, 2);
            grid.clearFaults();
            grid.dns().isFree("a.example");
            JsonNode state = grid.state();
            assertThat(state.path("userRefunds")).hasSize(1);
            assertThat(state.path("walletCalls").path("users/refund").asLong()).isEqualTo(2);
        }
    }
}
