package io.threebot.deployer.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.examples.v3grid.LocalV3Grid;
import io.threebot.deployer.tfgrid.TfgridSettings;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import java.net.URI;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TfgridOptionTest {
    private static final String ENDPOINTS = "substrate=ws://127.0.0.1:9944,relay=ws://127.0.0.1:9945,"
            + "gridproxy=http://127.0.0.1:9946,gateway=http://127.0.0.1:9947";

    @Test
    void v3IsTheEmbeddedGridAndFourEndpointsAreAServerOfOnesOwnInAnyOrder() {
        assertThat(TfgridOption.parse("V3")).isInstanceOf(TfgridOption.Embedded.class);
        TfgridOption.Server server = (TfgridOption.Server) TfgridOption.parse("gateway=http://127.0.0.1:9947, "
                + "relay=ws://127.0.0.1:9945,substrate=ws://127.0.0.1:9944,gridproxy=http://127.0.0.1:9946");
        assertThat(server.substrate()).isEqualTo(URI.create("ws://127.0.0.1:9944"));
        assertThat(server.relay()).isEqualTo(URI.create("ws://127.0.0.1:9945"));
        assertThat(server.gridproxy()).isEqualTo(URI.create("http://127.0.0.1:9946"));
        assertThat(server.gateway()).isEqualTo(URI.create("http://127.0.0.1:9947"));
        assertThat(TfgridOption.parse(server.argument())).isEqualTo(server);
    }

    @Test
    void aBadValueIsRefusedSayingWhatIsWrong() {
        assertThatThrownBy(() -> TfgridOption.parse("v4")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be v3").hasMessageContaining("substrate=ws://");
        assertThatThrownBy(() -> TfgridOption.parse(ENDPOINTS.replace(",gateway=http://127.0.0.1:9947", "")))
                .hasMessageContaining("lacks gateway=");
        assertThatThrownBy(() -> TfgridOption.parse(ENDPOINTS + ",relay=ws://127.0.0.1:1"))
                .hasMessageContaining("relay= twice");
        assertThatThrownBy(() -> TfgridOption.parse(ENDPOINTS + ",explorer=http://127.0.0.1:1"))
                .hasMessageContaining("'explorer=http://127.0.0.1:1' is none of them");
        assertThatThrownBy(() -> TfgridOption.parse(ENDPOINTS.replace("ws://127.0.0.1:9944", "http://127.0.0.1:9944")))
                .hasMessageContaining("substrate= must be a ws://HOST:PORT URL, not 'http://127.0.0.1:9944'");
        assertThatThrownBy(() -> TfgridOption.parse(ENDPOINTS.replace("http://127.0.0.1:9947", "http://gw")))
                .hasMessageContaining("gateway= must be a http://HOST:PORT URL");
    }

    @Test
    void theDemoTakesTfgridV2V3OrAServerAndRefusesItBesideAnotherGrid() {
        assertThat(DemoOptions.parse(new String[] {"--tfgrid", "v3"}).tfgrid())
                .containsInstanceOf(TfgridOption.Embedded.class);
        assertThat(DemoOptions.parse(new String[] {"--tfgrid", "v2"}).tfgrid()).isEmpty();
        assertThat(DemoOptions.parse(new String[] {"--tfgrid", ENDPOINTS}).tfgrid())
                .containsInstanceOf(TfgridOption.Server.class);
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--tfgrid", "mainnet"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("or v2");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--tfgrid", ENDPOINTS, "--over-http"}))
                .hasMessageContaining("--tfgrid excludes --grid, --over-http and --wallet stellar");
        assertThat(DemoOptions.USAGE).contains("--tfgrid v3").contains("--tfgrid substrate=ws://")
                .contains("THREEBOT_TFGRID_MNEMONIC");
    }

    @Test
    void theOperatorOfAServerOfOnesOwnIsTheSampleAccountUnlessTheEnvironmentGivesAKey() {
        assertThat(LocalV3Hosting.operatorKey(Map.of()).address())
                .isEqualTo(LocalV3Grid.sampleOperatorKey().address());
        String seed = "ab".repeat(32);
        assertThat(LocalV3Hosting.operatorKey(Map.of(TfgridSettings.MNEMONIC_VARIABLE, "0x" + seed)).publicKey())
                .isEqualTo(Ed25519KeyPair.fromSeed(HexFormat.of().parseHex(seed)).publicKey());
        assertThatThrownBy(() -> LocalV3Hosting.operatorKey(Map.of(TfgridSettings.MNEMONIC_VARIABLE, "0x" + seed,
                TfgridSettings.MNEMONIC_FILE_VARIABLE, "/tmp/key"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> LocalV3Hosting.operatorKey(Map.of(TfgridSettings.MNEMONIC_VARIABLE,
                "twelve words that are not a mnemonic at all in any way whatsoever ok")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("BIP39")
                .hasMessageNotContaining("whatsoever");
    }
}
