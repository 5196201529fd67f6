package io.threebot.deployer.stellar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.errors.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellar.sdk.KeyPair;

class OperatorSecretTest {
    private final KeyPair key = KeyPair.random();
    private final String seed = new String(key.getSecretSeed());

    @TempDir
    Path dir;

    @Test
    void aSeedFromTheEnvironmentNamesItsAccountAndNeverShowsTheSeed() {
        OperatorSecret secret = OperatorSecret.fromEnvironment(Map.of(OperatorSecret.ENVIRONMENT_VARIABLE, seed));

        assertThat(secret.accountId()).isEqualTo(key.getAccountId());
        assertThat(secret.toString()).contains(key.getAccountId()).doesNotContain(seed);
        StellarSettings settings = StellarSettings.builder().operator(secret).build();
        assertThat(settings.toString()).doesNotContain(seed);
        assertThat(settings.tftIssuer()).isEqualTo(StellarNetwork.PUBLIC.tftIssuer());
        assertThat(settings.horizonUrl().toString()).isEqualTo("https://horizon.stellar.org");
    }

    @Test
    void aMissingOrMalformedSeedIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> OperatorSecret.fromEnvironment(Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field())
                        .contains(OperatorSecret.ENVIRONMENT_VARIABLE));
        String wrong = seed.substring(0, 50) + "AAAAAA";
        assertThatThrownBy(() -> OperatorSecret.fromEnvironment(Map.of("S", wrong), "S"))
                .isInstanceOf(InvalidInputException.class).hasMessageNotContaining(wrong);
    }

    @Test
    void aFileOfMode600IsReadAndOneOthersCanReadIsRefused() throws Exception {
        Path file = dir.resolve("operator.seed");
        Files.writeString(file, seed + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(OperatorSecret.fromFile(file).accountId()).isEqualTo(key.getAccountId());

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> OperatorSecret.fromFile(file))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("chmod 600")
                .hasMessageNotContaining(seed);
        assertThatThrownBy(() -> OperatorSecret.fromFile(dir.resolve("absent")))
                .isInstanceOf(InvalidInputException.class);
    }
}
