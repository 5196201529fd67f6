package io.threebot.deployer.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.errors.DeployerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
    @TempDir
    Path directory;

    private List<String> names() throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aNewKeyIsWrittenOwnerOnlyAndReadBackWithNoTemporaryFileLeft() throws Exception {
        Path file = directory.resolve("secret.key");
        byte[] key = KeyFiles.readOrCreate(file, 32);
        assertThat(key).hasSize(32);
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).isEqualTo(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(KeyFiles.readOrCreate(file, 32)).isEqualTo(key);
        assertThat(names()).containsExactly("secret.key");
    }

    @Test
    void anEmptyOrBlankFileLeftByAnUnfinishedWriteIsReplacedByANewKey() throws Exception {
        for (String leftOver : List.of("", " \n")) {
            Path file = directory.resolve("secret.key");
            Files.deleteIfExists(file);
            Files.writeString(file, leftOver);

            byte[] key = KeyFiles.readOrCreate(file, 32);
            assertThat(key).as("after %s", leftOver.isEmpty() ? "an empty file" : "white space").hasSize(32);
            assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).isEqualTo(key);
            assertThat(KeyFiles.readOrCreate(file, 32)).isEqualTo(key);
            assertThat(names()).containsExactly("secret.key");
        }
    }

    @Test
    void aKeyOfAnotherLengthOrNoKeyAtAllIsRefusedAndLeftAsItIs() throws Exception {
        Path file = directory.resolve("secret.key");
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        Files.writeString(file, short16);
        assertThatThrownBy(() -> KeyFiles.readOrCreate(file, 32)).isInstanceOf(DeployerException.class)
                .hasMessageContaining("does not hold a 256-bit key").hasMessageContaining("128 bits");
        Files.writeString(file, "not a key!");
        assertThatThrownBy(() -> KeyFiles.readOrCreate(file, 32)).isInstanceOf(DeployerException.class)
                .hasMessageContaining("not base64");
        assertThat(Files.readString(file)).isEqualTo("not a key!");
    }

    @Test
    void aFailedCreationLeavesNoKeyFileAndALaterCallSucceeds() throws Exception {
        Path blocker = directory.resolve("keys");
        Files.writeString(blocker, "a file where the key's directory should be");
        Path file = blocker.resolve("secret.key");

        assertThatThrownBy(() -> KeyFiles.readOrCreate(file, 32)).isInstanceOf(DeployerException.class)
                .hasMessageContaining("cannot read or create the key file");
        assertThat(names()).containsExactly("keys");

        Files.delete(blocker);
        assertThat(KeyFiles.readOrCreate(file, 32)).hasSize(32);
        try (Stream<Path> files = Files.list(blocker)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("secret.key");
        }
    }

    @Test
    void threadsCreatingOneKeyAtOnceAllGetTheSameKeyEvenOverAnEmptyLeftOver() throws Exception {
        for (boolean leftOver : new boolean[] {false, true}) {
            Path file = directory.resolve("key-" + leftOver);
            if (leftOver) {
                Files.createFile(file);
            }
            int threads = 8;
            CyclicBarrier together = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<byte[]>> keys = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    keys.add(pool.submit(() -> {
                        together.await();
                        return KeyFiles.readOrCreate(file, 32);
                    }));
                }
                Set<String> distinct = new java.util.HashSet<>();
                for (Future<byte[]> k : keys) {
                    distinct.add(HexFormat.of().formatHex(k.get()));
                }
                assertThat(distinct).as("keys over %s", leftOver ? "an empty file" : "no file").hasSize(1);
                assertThat(HexFormat.of().formatHex(KeyFiles.readOrCreate(file, 32)))
                        .isEqualTo(distinct.iterator().next());
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(names()).containsExactly("key-false", "key-true");
    }
}
