package io.threebot.deployer.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.model.PasswordHash;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(1_000, new SecureRandom());

    @Test
    void matchesOnlyTheHashedPassword() {
        PasswordHash hash = hasher.hash("correct horse");
        assertThat(hasher.matches("correct horse", hash)).isTrue();
        assertThat(hasher.matches("correct horsE", hash)).isFalse();
        assertThat(hasher.matches("", hash)).isFalse();
    }

    @Test
    void theSameePasswordGetsAFreshSaltEachTime() {
        PasswordHash a = hasher.hash("pw");
        PasswordHash b = hasher.hash("pw");
        assertThat(a.saltBase64()).isNotEqualTo(b.saltBase64());
        assertThat(a.hashBase64()).isNotEqualTo(b.hashBase64());
        assertThat(a.iterations()).isEqualTo(1_000);
        assertThat(a.toString()).doesNotContain(a.hashBase64()).doesNotContain(a.saltBase64());
    }

    @Test
    void anUnknownAlgorithmNeverMatches() {
        PasswordHash md5 = new PasswordHash("MD5", 1, "AA==", "AA==");
        assertThat(hasher.matches("pw", md5)).isFalse();
    }
}
