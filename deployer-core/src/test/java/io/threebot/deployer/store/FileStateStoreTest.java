package io.threebot.deployer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.spi.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStateStoreTest {
    @TempDir
    Path directory;

    @Test
    void recordsSurviveANewStoreOnTheSameDirectoryAndLeaveNoTemporaryFiles() throws Exception {
        new FileStateStore(directory).put("things", "t1", Map.of("k", "v"), StateStore.NEW);
        FileStateStore reopened = new FileStateStore(directory);
        assertThat(reopened.get("things", "t1", Map.class).orElseThrow().value()).isEqualTo(Map.of("k", "v"));
        try (Stream<Path> files = Files.list(directory.resolve("things"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("t1.json");
        }
    }

    @Test
    void aCorruptRecordIsReportedNotIgnored() throws Exception {
        FileStateStore store = new FileStateStore(directory);
        store.put("things", "t1", Map.of("k", "v"), StateStore.NEW);
        Files.writeString(directory.resolve("things").resolve("t1.json"), "{ not json");
        assertThatThrownBy(() -> store.get("things", "t1", Map.class)).isInstanceOf(StoreException.class)
                .hasMessageContaining("t1.json");
    }
}
