package io.threebot.deployer.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.spi.StoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A record's two files written in turn: in place, each version framed, a broken write leaving the one before. */
class RecordSlotsTest {
    @TempDir
    Path directory;

    private Path first() {
        return directory.resolve("r1.json");
    }

    /** Writes versions up to {@code last} through the store's sequence: read, then write the next. */
    private void writeUpTo(long last) throws Exception {
        for (long v = RecordSlots.read(first()).map(RecordSlots.Contents::version).orElse(0L) + 1; v <= last; v++) {
            Optional<RecordSlots.Contents> current = RecordSlots.read(first());
            byte[] record = RecordFile.encode(v, Map.of("n", v));
            if (current.isEmpty()) {
                try (var prepared = RecordSlots.prepareNew(first(), v, record)) {
                    RecordSlots.create(first(), prepared);
                }
            } else {
                RecordSlots.write(first(), current.get(), v, record).close();
            }
        }
    }

    private long version() {
        return RecordSlots.read(first()).orElseThrow().version();
    }

    private Object value() {
        RecordSlots.Contents contents = RecordSlots.read(first()).orElseThrow();
        return RecordFile.decode("r1", contents.record(), "r1.json", Map.class).value().get("n");
    }

    @Test
    void versionsGoToTheTwoFilesInTurnAndAChangeCreatesNoFile() throws Exception {
        writeUpTo(2);
        assertThat(names()).containsExactly("r1.json", "r1.json.1");
        Object firstInode = Files.getAttribute(first(), "unix:ino");
        Object secondInode = Files.getAttribute(RecordSlots.second(first()), "unix:ino");

        writeUpTo(7);

        assertThat(version()).isEqualTo(7);
        assertThat(value()).isEqualTo(7);
        assertThat(RecordSlots.read(first()).orElseThrow().slot()).as("odd versions in the first file").isZero();
        assertThat(Files.getAttribute(first(), "unix:ino")).as("rewritten in place").isEqualTo(firstInode);
        assertThat(Files.getAttribute(RecordSlots.second(first()), "unix:ino")).isEqualTo(secondInode);
        assertThat(names()).containsExactly("r1.json", "r1.json.1");
    }

    @Test
    void aWriteCutShortLeavesTheVersionBeforeAndTheNextWriteGoesIntoItsPlace() throws Exception {
        writeUpTo(4);
        // version 5 was being written into the first file when the machine stopped: half of it reached the disk
        Path half = first();
        byte[] next = RecordSlots.framed(5, RecordFile.encode(5, Map.of("n", 5)));
        Files.write(half, Arrays.copyOf(next, next.length / 2));

        RecordSlots.Contents after = RecordSlots.read(first()).orElseThrow();
        assertThat(after.version()).isEqualTo(4);
        assertThat(after.partial()).isTrue();
        assertThat(value()).isEqualTo(4);

        writeUpTo(5);
        assertThat(version()).isEqualTo(5);
        assertThat(RecordSlots.read(first()).orElseThrow().partial()).isFalse();
    }

    @Test
    void aFlippedByteBreaksTheFrameAndLeavesTheVersionBefore() throws Exception {
        writeUpTo(3);
        byte[] bytes = Files.readAllBytes(first()); // version 3
        bytes[bytes.length - 3] ^= 1;
        Files.write(first(), bytes);

        assertThat(version()).isEqualTo(2);
    }

    @Test
    void aRecordWithNeitherFileWholeIsReportedByItsFileName() throws Exception {
        writeUpTo(2);
        for (Path file : new Path[] {first(), RecordSlots.second(first())}) {
            byte[] bytes = Files.readAllBytes(file);
            Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
        }

        assertThatThrownBy(() -> RecordSlots.read(first())).isInstanceOf(StoreException.class)
                .hasMessageContaining("r1.json").hasMessageContaining("cut short or damaged");
    }

    @Test
    void aFileWrittenBeforeFramesIsReadAndThenReplacedWholeNeverRewrittenInPlace() throws Exception {
        Files.write(first(), RecordFile.encode(3, Map.of("n", 3)));
        Object plainInode = Files.getAttribute(first(), "unix:ino");
        assertThat(version()).isEqualTo(3);
        assertThat(value()).isEqualTo(3);

        writeUpTo(5);

        assertThat(version()).isEqualTo(5);
        assertThat(new String(Files.readAllBytes(first()), StandardCharsets.US_ASCII)).startsWith("#record 5 ");
        assertThat(Files.getAttribute(first(), "unix:ino")).as("moved into place").isNotEqualTo(plainInode);
    }

    @Test
    void aDeletedRecordIsGoneEvenWithASecondFileACrashLeftAndIsCreatedAnewFromVersionOne() throws Exception {
        writeUpTo(4);
        // a crash between the two removals: the first file gone, the second (version 4) left
        Files.delete(first());
        assertThat(RecordSlots.read(first())).isEmpty();

        writeUpTo(1);

        assertThat(version()).isEqualTo(1);
        assertThat(value()).isEqualTo(1);
        assertThat(names()).containsExactly("r1.json");
        RecordSlots.delete(first());
        assertThat(names()).isEmpty();
    }

    private java.util.List<String> names() throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
