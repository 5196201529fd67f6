package io.threebot.deployer.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeyDerivationTest {
    private final KeyDerivation legacy = KeyDerivation.legacy();

    @Test
    void legacySeedIsThePasswordLeftPaddedWithZeros() {
        assertThat(new String(legacy.seed("any", "secret"), StandardCharsets.US_ASCII))
                .isEqualTo("00000000000000000000000000secret");
        assertThat(new String(legacy.seed("any", "-abc"), StandardCharsets.US_ASCII))
                .isEqualTo("-0000000000000000000000000000abc");
    }

    @Test
    void legacyKeysMatchTheFactSheetVectors() {
        assertThat(IdentityKeys.fromSeed(legacy.seed("x", "secret")).publicKeyHex())
                .isEqualTo("5029815340d727be74ce99b3f65a38af86e0972b93562b0a4989a0b83b452c05");
        assertThat(IdentityKeys.fromSeed(legacy.seed("x", "mypassword123")).publicKeyHex())
                .isEqualTo("974d00a5ffb3ff9c5b97af2ea165d9cdfb301f46e624279c9048903c9bbdc871");
    }

    @Test
    void signaturesMatchTheFactSheetVector() {
        IdentityKeys keys = IdentityKeys.fromSeed(legacy.seed("x", "secret"));
        String signing = "(created): 1600000000\ndate: Sun, 13 Sep 2020 12:26:40 GMT\nthreebot-id: 7";
        assertThat(Base64.getEncoder().encodeToString(keys.sign(signing.getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("pqDwslKC9lWYkZqo3TJqeSYM0hIxdWwjQufGS+00ONrvOvaqUN0vVRrXR1ADvgT3OyI9acM7ZPUvAebeJ5LqAg==");
    }

    @Test
    void legacyRefusesPasswordsOver32Bytes() {
        assertThatThrownBy(() -> legacy.seed("x", "é".repeat(17))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 32 bytes");
        assertThatThrownBy(() -> legacy.containerSecret("x", "é".repeat(17)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> legacy.seed("x", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hardenedDerivationIsDeterministicSaltedByIdentityAndUnlikeTheLegacyOne() {
        KeyDerivation hardened = KeyDerivation.hardened(1_000);
        byte[] a = hardened.seed("alice_bot", "secret");
        assertThat(a).hasSize(32).isEqualTo(hardened.seed("alice_bot", "secret"));
        assertThat(a).isNotEqualTo(hardened.seed("bob_bot", "secret"));
        assertThat(a).isNotEqualTo(legacy.seed("alice_bot", "secret"));
        assertThat(HexFormat.of().formatHex(a)).isNotEqualTo(HexFormat.of().formatHex(KeyDerivation.hardened(1_001)
                .seed("alice_bot", "secret")));
    }

    @Test
    void theHardenedContainerSecretIs32CharactersAndItsZfillIsTheRegisteredSeed() {
        KeyDerivation hardened = KeyDerivation.hardened(1_000);
        String secret = hardened.containerSecret("alice_bot", "correct horse battery");
        assertThat(secret).hasSize(32).matches("[A-Za-z0-9_-]{32}").doesNotContain("correct");
        assertThat(secret).isEqualTo(hardened.containerSecret("alice_bot", "correct horse battery"))
                .isNotEqualTo(hardened.containerSecret("bob_bot", "correct horse battery"));
        // what the stock container derives from the secret it is given is the key the deployer registers
        assertThat(KeyDerivation.legacySeed(secret)).isEqualTo(hardened.seed("alice_bot", "correct horse battery"))
                .isEqualTo(secret.getBytes(StandardCharsets.US_ASCII));
        assertThat(legacy.containerSecret("alice_bot", "secret")).isEqualTo("secret");
        assertThat(KeyDerivation.legacySeed("secret")).isEqualTo(legacy.seed("alice_bot", "secret"));
    }

    @Test
    void keysNeverShowTheirSeed() {
        IdentityKeys keys = IdentityKeys.fromSeed(legacy.seed("x", "secret"));
        assertThat(keys.toString()).doesNotContain("secret").contains(keys.publicKeyHex());
    }
}
