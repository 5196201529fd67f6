package io.threebot.deployer.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.config.DeployerSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AcmeSettingsTest {
    @Test
    void testCertChoosesStagingAndAnExplicitDirectoryWins() {
        assertThat(AcmeSettings.builder().build().directory()).isEqualTo(AcmeSettings.LETS_ENCRYPT);
        assertThat(AcmeSettings.builder().testCert(true).build().directory())
                .isEqualTo(AcmeSettings.LETS_ENCRYPT_STAGING);
        URI pebble = URI.create("https://localhost:14000/dir");
        assertThat(AcmeSettings.builder().testCert(true).directory(pebble).build().directory()).isEqualTo(pebble);
    }

    @Test
    void theDeployersDomainAndTestCertSettingCarryOver() {
        DeployerSettings staging = DeployerSettings.builder().fromEnvironment(Map.of("TEST_CERT", "true")).build();
        AcmeSettings settings = AcmeSettings.builder().forDeployer(staging).build();
        assertThat(settings.domains()).containsExactly(staging.deployerDomain());
        assertThat(settings.directory()).isEqualTo(AcmeSettings.LETS_ENCRYPT_STAGING);
        assertThat(AcmeSettings.builder().forDeployer(DeployerSettings.defaults()).build().directory())
                .isEqualTo(AcmeSettings.LETS_ENCRYPT);
    }

    @Test
    void invalidDomainsAreRefused() {
        assertThatThrownBy(() -> AcmeSettings.builder().domains(List.of("not a domain")).build())
                .isInstanceOf(AcmeCertificateException.class).hasMessageContaining("not a valid domain name");
        assertThatThrownBy(() -> AcmeSettings.builder().domains(List.of()).build())
                .isInstanceOf(AcmeCertificateException.class);
        assertThat(AcmeSettings.builder().domains(List.of("deploy3bot.grid.tf", "www.deploy3bot.grid.tf")).build()
                .domains()).hasSize(2);
    }

    @Test
    void renewalIsDueWithinTheMarginOrWithoutACertificate() {
        RenewalPolicy policy = new RenewalPolicy(Duration.ofDays(30));
        Instant now = Instant.parse("2026-11-24T00:00:00Z");
        assertThat(policy.due(Optional.empty(), now)).isTrue();
        assertThat(policy.due(Optional.of(now.plus(Duration.ofDays(31))), now)).isFalse();
        assertThat(policy.due(Optional.of(now.plus(Duration.ofDays(30))), now)).isTrue();
        assertThat(policy.due(Optional.of(now.minus(Duration.ofDays(1))), now)).isTrue();
    }
}
