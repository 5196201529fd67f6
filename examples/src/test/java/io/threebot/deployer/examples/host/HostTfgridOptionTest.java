package io.threebot.deployer.examples.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.examples.TfgridOption;
import org.junit.jupiter.api.Test;

class HostTfgridOptionTest {
    @Test
    void theHostTakesAnEmbeddedV3GridOrAServerOfOnesOwnAndRefusesItBesideAGridServerOrStellar() {
        assertThat(HostOptions.parse("--tfgrid", "v3").tfgrid()).containsInstanceOf(TfgridOption.Embedded.class);
        assertThat(HostOptions.parse().tfgrid()).isEmpty();
        String endpoints = "substrate=ws://127.0.0.1:1,relay=ws://127.0.0.1:2,gridproxy=http://127.0.0.1:3,"
                + "gateway=http://127.0.0.1:4";
        assertThat(HostOptions.parse("8081", "--tfgrid", endpoints).tfgrid()).get()
                .isEqualTo(TfgridOption.parse(endpoints));
        assertThatThrownBy(() -> HostOptions.parse("--tfgrid", "v3", "--grid", "http://127.0.0.1:7310"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--tfgrid excludes --grid");
        assertThatThrownBy(() -> HostOptions.parse("--tfgrid", "v3", "--wallet", "stellar"))
                .hasMessageContaining("--wallet stellar");
        assertThatThrownBy(() -> HostOptions.parse("--tfgrid", "relay=ws://127.0.0.1:2"))
                .hasMessageContaining("lacks substrate=");
        assertThat(HostOptions.USAGE).contains("--tfgrid v3|substrate=ws://");
    }
}
