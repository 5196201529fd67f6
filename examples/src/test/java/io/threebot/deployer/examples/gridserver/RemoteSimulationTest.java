package io.threebot.deployer.examples.gridserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.PaymentException;
import io.threebot.deployer.spi.PaymentRequest;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.nio.file.Path;
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
}
