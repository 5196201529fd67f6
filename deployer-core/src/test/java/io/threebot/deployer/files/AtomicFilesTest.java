package io.threebot.deployer.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path directory;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replaceWritesAndReplacesAFileReadableByItsOwnerOnlyAndLeavesNoTemporaryFile() throws Exception {
        Path file = directory.resolve("sub/record.json");
        AtomicFiles.replace(file, bytes("one"));
        AtomicFiles.replace(file, bytes("two"));
        assertThat(Files.readString(file)).isEqualTo("two");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("record.json");
        }
    }

    @Test
    void createWritesOnlyWhenTheFileIsAbsentAndLeavesAnExistingOneAsItIs() throws Exception {
        Path file = directory.resolve("secret.key");
        assertThat(AtomicFiles.create(file, bytes("first"))).isTrue();
        assertThat(AtomicFiles.create(file, bytes("second"))).isFalse();
        assertThat(Files.readString(file)).isEqualTo("first");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(names()).containsExactly("secret.key");
    }

    @Test
    void aWriteThatFailsPartWayLeavesNeitherTheFileNorATemporaryOneAndALaterWriteWorks() throws Exception {
        Path file = directory.resolve("secret.key");
        AtomicFiles.Writer fullDisk = (channel, data) -> {
            channel.write(ByteBuffer.wrap(data, 0, data.length / 2));
            throw new IOException("No space left on device");
        };
        assertThatThrownBy(() -> AtomicFiles.create(file, bytes("a key of some length"), fullDisk))
                .isInstanceOf(IOException.class).hasMessageContaining("No space left");
        assertThat(names()).isEmpty();

        assertThat(AtomicFiles.create(file, bytes("a key of some length"))).isTrue();
        assertThat(Files.readString(file)).isEqualTo("a key of some length");
    }

    @Test
    void ofWritersCreatingOneFileAtOnceExactlyOneWinsAndEveryoneFindsItsFileWhole() throws Exception {
        Path file = directory.resolve("secret.key");
        int writers = 8;
        CyclicBarrier together = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Boolean>> created = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String content = ("writer " + i + " ").repeat(1000);
                created.add(pool.submit(() -> {
                    together.await();
                    boolean won = AtomicFiles.create(file, bytes(content));
                    assertThat(Files.readString(file)).startsWith("writer ").hasSize(content.length());
                    return won;
                }));
            }
            int won = 0;
            for (Future<Boolean> c : created) {
                won += c.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
            assertThat(names()).containsExactly("secret.key");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPreparedWriteIsInvisibleUntilCommittedAndDroppedWhenClosedWithoutIt() throws Exception {
        Path file = directory.resolve("record.json");
        AtomicFiles.replace(file, bytes("old"));
        try (AtomicFiles.Pending pending = AtomicFiles.prepare(file, bytes("dropped"))) {
            assertThat(Files.readString(file)).isEqualTo("old");
            assertThat(names()).hasSize(2).contains("record.json");
        }
        assertThat(Files.readString(file)).isEqualTo("old");
        assertThat(names()).containsExactly("record.json");

        try (AtomicFiles.Pending pending = AtomicFiles.prepare(file, bytes("new"))) {
            pending.commit();
            assertThat(Files.readString(file)).isEqualTo("new");
            assertThatThrownBy(pending::commit).isInstanceOf(IllegalStateException.class);
        }
        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(names()).containsExactly("record.json");
    }
}
