package io.threebot.deployer.internal.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.spi.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AesGcmSecretSealerTest {
    @TempDir
    Path directory;

    @Test
    void aSealerOnTheSameKeyFileOpensWhatAnotherSealed() throws Exception {
        Path key = directory.resolve("secret.key");
        String sealed = AesGcmSecretSealer.withKeyFile(key).seal("hunter2");
        assertThat(sealed).doesNotContain("hunter2");
        assertThat(AesGcmSecretSealer.withKeyFile(key).unseal(sealed)).isEqualTo("hunter2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void anotherKeyOrATamperedValueCannotBeOpened() {
        String sealed = AesGcmSecretSealer.ephemeral().seal("hunter2");
        assertThatThrownBy(() -> AesGcmSecretSealer.ephemeral().unseal(sealed)).isInstanceOf(StoreException.class)
                .hasMessageNotContaining("hunter2");
        AesGcmSecretSealer sealer = AesGcmSecretSealer.ephemeral();
        String mine = sealer.seal("hunter2");
        String tampered = mine.substring(0, mine.length() - 4) + (mine.endsWith("AAA=") ? "BBB=" : "AAA=");
        assertThatThrownBy(() -> sealer.unseal(tampered)).isInstanceOf(StoreException.class);
    }
}
