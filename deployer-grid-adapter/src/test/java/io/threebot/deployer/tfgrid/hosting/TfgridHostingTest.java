package io.threebot.deployer.tfgrid.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.spi.HostingException;
import io.threebot.deployer.spi.HostingPlan;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.tfgrid.chain.TfchainClient;
import io.threebot.deployer.tfgrid.deploy.EngineFailures;
import io.threebot.deployer.tfgrid.deploy.ThreebotGrid;
import io.threebot.deployer.tfgrid.proxy.GridProxyClient;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the hosting tells the user when the engine fails, and what it refuses before it reaches the grid. */
class TfgridHostingTest {
    private ThreebotGrid grid;
    private TfgridHosting hosting;

    @BeforeEach
    void build() {
        grid = mock(ThreebotGrid.class);
        when(grid.chain()).thenReturn(mock(TfchainClient.class));
        hosting = TfgridHosting.builder().grid(grid).gridProxy(mock(GridProxyClient.class)).build();
    }

    @Test
    void aTransferOfUnknownOutcomeIsReportedOnceAndNeverSentAgain() {
        String account = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
        when(grid.fund(any(), any())).thenThrow(EngineFailures.transferUnknown(account,
                BigInteger.valueOf(15_000_000)));

        HostingException e = catchThrowableOfType(() -> hosting.topUp(account, 15_000_000), HostingException.class);

        assertThat(e.kind()).isEqualTo(HostingException.Kind.TRANSFER_UNKNOWN);
        assertThat(e.getMessage()).isEqualTo("The transfer of 1.5 TFT to the 3Bot's account may or may not have gone "
                + "through; it is not sent again. Its balance will show it.");
        verify(grid, times(1)).fund(account, BigInteger.valueOf(15_000_000));
    }

    @Test
    void aTopUpOfNothingIsRefusedBeforeAnyTransfer() {
        assertThatThrownBy(() -> hosting.topUp("5Grwva", 0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("a top-up is of a positive amount");
        verify(grid, never()).fund(any(), any());
    }

    @Test
    void aPlanWhoseDataIsNotOneOfOursOpensNoTwin() {
        IdentityKeys keys = IdentityKeys.generate(new SecureRandom());
        HostingPlan foreign = new HostingPlan("bot.example.org", "1", 1, "10.1.2.2", "", "{\"pool\":7}");
        assertThatThrownBy(() -> hosting.deploy(keys, foreign, List.of(), entry -> { }, Progress.silent()))
                .isInstanceOf(InvalidInputException.class).hasMessage("the stored plan is not a version 1 TFGrid v3 record");
        assertThatThrownBy(() -> hosting.destroy(keys, foreign, List.of())).isInstanceOf(InvalidInputException.class);
        verify(grid, never()).twin(any());
    }

    @Test
    void theGridIsNamedWithItsNetwork() {
        assertThat(hosting.gridName()).isEqualTo("TFGrid v3");
        assertThat(TfgridHosting.builder().grid(grid).gridProxy(mock(GridProxyClient.class)).network(" devnet ")
                .build().gridName()).isEqualTo("TFGrid v3 (devnet)");
        assertThatThrownBy(() -> TfgridHosting.builder().grid(grid).build()).isInstanceOf(InvalidInputException.class);
    }
}
