package io.threebot.deployer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStateStoreTest {
    @TempDir
    Path directory;

    @Test
    void recordsSurviveANewStoreOnTheSameDirectoryAndLeaveNoTemporaryFiles() throws Exception {
        try (FileStateStore first = new FileStateStore(directory)) {
            first.put("things", "t1", Map.of("k", "v"), StateStore.NEW);
        }
        try (FileStateStore reopened = new FileStateStore(directory)) {
            assertThat(reopened.get("things", "t1", Map.class).orElseThrow().value()).isEqualTo(Map.of("k", "v"));
        }
        try (Stream<Path> files = Files.list(directory.resolve("things"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("t1.json");
        }
    }

    @Test
    void aCorruptRecordIsReportedWhenReadAndSkippedAndCountedByListings() throws Exception {
        try (FileStateStore store = new FileStateStore(directory)) {
            store.put("things", "t1", Map.of("k", "v"), StateStore.NEW);
            store.put("things", "t2", Map.of("k", "w"), StateStore.NEW);
            Files.writeString(directory.resolve("things").resolve("t1.json"), "{\"version\": 1, \"val");
            Files.writeString(directory.resolve("things").resolve(".tmp-123.json"), "{ half");
            assertThatThrownBy(() -> store.get("things", "t1", Map.class)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("t1.json");
            assertThat(store.list("things", Map.class)).extracting(v -> v.id()).containsExactly("t2");
            assertThat(store.unreadableRecords()).isEqualTo(1);
        }
    }

    @Test
    void aSecondStoreOnOneDirectoryIsRefusedInThisProcessAndInAnother() throws Exception {
        try (FileStateStore first = new FileStateStore(directory)) {
            assertThatThrownBy(() -> new FileStateStore(directory)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("open in this process already");
        }
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldStore.class.getName(), directory.toString())
                .redirectErrorStream(true).start();
        try {
            assertThat(other.getInputStream().read()).as("the other process holds the store").isEqualTo('!');
            assertThatThrownBy(() -> new FileStateStore(directory)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("used by another deployer process (pid " + other.pid());
        } finally {
            other.destroy();
            other.waitFor(10, TimeUnit.SECONDS);
        }
        try (FileStateStore afterwards = new FileStateStore(directory)) {
            assertThat(afterwards.directory()).isEqualTo(directory.toAbsolutePath().normalize());
        }
    }

    /** Another process that opens the store, says so, and holds it until it is stopped. */
    public static final class HoldStore {
        public static void main(String[] args) throws Exception {
            FileStateStore store = new FileStateStore(new File(args[0]).toPath());
            System.out.print('!');
            System.out.flush();
            Thread.sleep(60_000);
            store.close();
        }
    }
}
