package io.threebot.deployer.tfgrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.errors.InvalidInputException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The networks by name and their endpoints as the SDKs list them. */
class TfgridNetworkTest {
    @Test
    void networksAreFoundByTheSdksNames() {
        assertThat(TfgridNetwork.byName("main")).isEqualTo(TfgridNetwork.MAIN);
        assertThat(TfgridNetwork.byName(" Dev ")).isEqualTo(TfgridNetwork.DEV);
        assertThat(TfgridNetwork.byName("qa").networkName()).isEqualTo("qa");
        assertThat(TfgridNetwork.byName("TEST")).isEqualTo(TfgridNetwork.TEST);
        assertThatThrownBy(() -> TfgridNetwork.byName("mainnet")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("one of dev, qa, test, main");
        assertThatThrownBy(() -> TfgridNetwork.byName(null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void mainnetHasNoNetworkInfixAndTheOthersDo() {
        assertThat(TfgridNetwork.MAIN.substrateUrls()).containsExactly(URI.create("wss://tfchain.grid.tf/ws"),
                URI.create("wss://tfchain.02.grid.tf/ws"));
        assertThat(TfgridNetwork.MAIN.gridproxyUrls().get(0)).isEqualTo(URI.create("https://gridproxy.grid.tf"));
        assertThat(TfgridNetwork.DEV.relayUrls()).containsExactly(URI.create("wss://relay.dev.grid.tf"),
                URI.create("wss://relay.02.dev.grid.tf"));
        assertThat(TfgridNetwork.QA.graphqlUrls().get(1)).isEqualTo(URI.create("https://graphql.02.qa.grid.tf/graphql"));
        assertThat(TfgridNetwork.TEST.activationUrls().get(0))
                .isEqualTo(URI.create("https://activation.test.grid.tf/activation/activate"));
    }
}
