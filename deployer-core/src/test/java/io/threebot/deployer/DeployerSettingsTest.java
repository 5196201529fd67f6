package io.threebot.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.config.GridNetwork;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployerSettingsTest {
    @Test
    void defaultsAreTheOriginalOnes() {
        DeployerSettings s = DeployerSettings.defaults();
        assertThat(s.overProvisioning()).isFalse();
        assertThat(s.testCert()).isFalse();
        assertThat(s.deployAttempts()).isEqualTo(3);
        assertThat(s.readinessTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.workloadTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.deployerDomain()).isEqualTo("deploy3bot.grid.tf");
    }

    @Test
    void environmentTurnsOnOverProvisioningTestCertAndPicksTheNetwork() {
        DeployerSettings s = DeployerSettings.builder()
                .fromEnvironment(Map.of("OVER_PROVISIONING", "true", "TEST_CERT", "yes", "GRID_NETWORK", "main"))
                .build();
        assertThat(s.overProvisioning()).isTrue();
        assertThat(s.testCert()).isTrue();
        assertThat(s.network()).isEqualTo(GridNetwork.MAIN);
        assertThat(DeployerSettings.builder().fromEnvironment(Map.of("TEST_CERT", "false")).build().testCert())
                .isFalse();
        assertThat(s.toBuilder().build()).isEqualTo(s);
    }

    @Test
    void nonsenseIsRefusedAtBuildTime() {
        assertThatThrownBy(() -> DeployerSettings.builder().pollInterval(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pollInterval");
        assertThatThrownBy(() -> DeployerSettings.builder().deployAttempts(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeployerSettings.builder().fromEnvironment(Map.of("GRID_NETWORK", "moon")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeployerSettings.builder().fromEnvironment(Map.of("LEASE_DURATION", "30")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ISO-8601 duration such as PT30S");
        assertThatThrownBy(() -> DeployerSettings.builder().fromEnvironment(Map.of("POLL_INTERVAL", "PT0S")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("POLL_INTERVAL");
    }

    @Test
    void pollIntervalAndLeaseDurationComeFromTheEnvironmentAsIsoDurations() {
        DeployerSettings s = DeployerSettings.builder()
                .fromEnvironment(Map.of("POLL_INTERVAL", "PT0.2S", "LEASE_DURATION", "PT5S")).build();
        assertThat(s.pollInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(s.leaseDuration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(DeployerSettings.builder().build().leaseDuration()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void journalRetentionComesFromTheEnvironmentAndDefaultsToThirtyDays() {
        assertThat(DeployerSettings.defaults().journalRetention()).isEqualTo(Duration.ofDays(30));
        DeployerSettings s = DeployerSettings.builder().fromEnvironment(Map.of("JOURNAL_RETENTION", "P7D")).build();
        assertThat(s.journalRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(s.toBuilder().build()).isEqualTo(s).isNotEqualTo(DeployerSettings.defaults());
        assertThatThrownBy(() -> DeployerSettings.builder().fromEnvironment(Map.of("JOURNAL_RETENTION", "PT0S")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JOURNAL_RETENTION");
    }

    @Test
    void ownersAreNormalisedPrincipals() {
        assertThat(ThreebotDeployer.owner("Alice.3bot")).isEqualTo("alice");
        assertThat(ThreebotDeployer.owner("bob")).isEqualTo("bob");
        assertThatThrownBy(() -> ThreebotDeployer.owner("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThreebotDeployer.owner("x_y")).isInstanceOf(IllegalArgumentException.class);
    }
}
