package io.threebot.deployer.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ManagementNetworkTest {
    private final ManagementNetwork network = new ManagementNetwork("management", "10.100.0.0/16", "access",
            "10.100.1.0/24", "clientpub", "sealed", List.of(new NetworkMember("access", "10.100.0.0/24", "185.1.1.1",
            5000, "accesspub", "sealedpriv")), List.of(), 1);

    @Test
    void subnetsSkipThePeerAndTakenOnes() {
        assertThat(network.nextSubnet()).isEqualTo("10.100.2.0/24");
        ManagementNetwork grown = network.withMember(new NetworkMember("n2", "10.100.2.0/24", "", 6000, "p", "s"));
        assertThat(grown.nextSubnet()).isEqualTo("10.100.3.0/24");
    }

    @Test
    void freeIpsStartAtTwoAndSkipUsedOnes() {
        assertThat(network.freeIp("access")).isEqualTo("10.100.0.2");
        assertThat(network.withUsedIp("10.100.0.2").freeIp("access")).isEqualTo("10.100.0.3");
    }

    @Test
    void wireGuardConfigPointsAtTheAccessNode() {
        String config = network.wireGuardConfig("clientpriv");
        assertThat(config).contains("Address = 100.64.100.1/32")
                .contains("PrivateKey = clientpriv").contains("PublicKey = accesspub")
                .contains("AllowedIPs = 10.100.0.0/16").contains("Endpoint = 185.1.1.1:5000");
        assertThat(NetworkBuilder.wireGuardRoute("10.100.1.0/24")).isEqualTo("100.64.100.1/32");
    }
}
