package io.threebot.deployer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.internal.store.RecordSlots;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on files, and what only files can go through: crashes between files, old directories. */
class FileStateStoreTest extends StateStoreContract {
    @TempDir
    Path directory;

    @Override
    StateStore newStore() throws Exception {
        return new FileStateStore(Files.createTempDirectory(directory, "contract"));
    }

    /** The record's files cut short, as a damaged disk could leave them. */
    @Override
    void damage(StateStore store, String kind, String id) throws Exception {
        cutShort(((FileStateStore) store).directory().resolve(kind).resolve(id + ".json"));
    }

    /** Cuts both files of the record whose first file is {@code first} to half, where they exist. */
    static void cutShort(Path first) throws java.io.IOException {
        for (Path file : List.of(first, RecordSlots.second(first))) {
            if (Files.exists(file)) {
                byte[] whole = Files.readAllBytes(file);
                Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
            }
        }
    }

    @Test
    void aDirectoryWrittenBeforeTheIndexIsIndexedWhenOpenedAndOnlyOnce() throws Exception {
        Path dir = directory.resolve("old");
        try (FileStateStore store = new FileStateStore(dir)) {
            store.put("threebot", "t1", new Owned("alice", "RUNNING", "one"), StateStore.NEW);
            store.put("threebot", "t2", new Owned("bob", "RUNNING", "two"), StateStore.NEW);
        }
        deleteTree(dir.resolve(".index"));
        try (FileStateStore reopened = new FileStateStore(dir)) {
            assertThat(reopened.find("threebot", "owner", "alice", Owned.class)).extracting(v -> v.id())
                    .containsExactly("t1");
        }
        assertThat(dir.resolve(".index/.complete")).exists();
    }

    @Test
    void aMarkerLeftByACrashIsCheckedAgainstTheRecordAndRemoved() throws Exception {
        try (FileStateStore store = new FileStateStore(directory)) {
            store.put("threebot", "t1", new Owned("alice", "STOPPED", "one"), StateStore.NEW);
            // a crash after the new marker was written and before the record was: the marker says RUNNING
            Path stale = directory.resolve(".index/threebot/status/RUNNING/t1");
            Files.createDirectories(stale.getParent());
            Files.createFile(stale);
            // and a marker of a record whose write never happened at all
            Files.createFile(directory.resolve(".index/threebot/status/RUNNING/t9"));

            assertThat(store.find("threebot", "status", "RUNNING", Owned.class)).isEmpty();
            assertThat(stale).doesNotExist();
            assertThat(store.find("threebot", "status", "STOPPED", Owned.class)).extracting(v -> v.id())
                    .containsExactly("t1");
        }
    }

    @Test
    void findSkipsAndCountsAnUnreadableRecordAndReturnsTheOthers() throws Exception {
        try (FileStateStore store = new FileStateStore(directory)) {
            store.put("threebot", "t1", new Owned("alice", "RUNNING", "one"), StateStore.NEW);
            store.put("threebot", "t2", new Owned("alice", "RUNNING", "two"), StateStore.NEW);
            Files.writeString(directory.resolve("threebot/t1.json"), "{\"version\": 1, \"val");

            assertThat(store.find("threebot", "owner", "alice", Owned.class)).extracting(v -> v.id())
                    .containsExactly("t2");
            assertThat(store.unreadableRecords()).isEqualTo(1);
            assertThat(directory.resolve(".index/threebot/owner/alice/t1")).as("kept for when it is readable")
                    .exists();
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

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

    /**
     * Readers that meet a record's file half rewritten read it again under the record's lock: each of them sees the
     * versions only grow, and none fails, while a writer changes the record as fast as it can.
     */
    @Test
    void readersDuringInPlaceWritesSeeNoVersionGoBackAndNoHalfRecord() throws Exception {
        try (FileStateStore store = new FileStateStore(directory)) {
            long version = store.put("things", "t1", Map.of("n", 0, "pad", "x".repeat(20_000)), StateStore.NEW)
                    .version();
            java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(3);
            try {
                List<java.util.concurrent.Future<Integer>> reads = new java.util.ArrayList<>();
                for (int r = 0; r < 3; r++) {
                    reads.add(readers.submit(() -> {
                        long seen = 0;
                        int count = 0;
                        while (writing.get()) {
                            var record = store.get("things", "t1", Map.class).orElseThrow();
                            assertThat(record.version()).isGreaterThanOrEqualTo(seen);
                            assertThat(((Number) record.value().get("n")).longValue()).isEqualTo(record.version() - 1);
                            seen = record.version();
                            count++;
                        }
                        return count;
                    }));
                }
                for (int n = 1; n <= 300; n++) {
                    version = store.put("things", "t1", Map.of("n", n, "pad", "x".repeat(20_000 + n % 7 * 3_000)),
                            version).version();
                }
                writing.set(false);
                for (var read : reads) {
                    assertThat(read.get()).isPositive();
                }
            } finally {
                readers.shutdownNow();
            }
            assertThat(store.get("things", "t1", Map.class).orElseThrow().version()).isEqualTo(301);
            try (Stream<Path> files = Files.list(directory.resolve("things"))) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("t1.json",
                        "t1.json.1");
            }
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

    @Test
    void aStaleOrFencedOffWriteLeavesTheRecordAsItWasAndNoTemporaryFile() throws Exception {
        try (FileStateStore files = (FileStateStore) newStore()) {
            staleAndFencedOffWritesChangeNothing(files);
        }
    }

    private static void staleAndFencedOffWritesChangeNothing(FileStateStore store) throws Exception {
        FileStateStore files = store;
        long version = store.put("samples", "s", Map.of("text", "kept"), StateStore.NEW).version();
        store.put(io.threebot.deployer.internal.store.Leases.KIND, "work", new io.threebot.deployer.internal.store
                .Leases.Lease("a", java.time.Instant.now().plusSeconds(30), "token-a"), StateStore.NEW);

        assertThatThrownBy(() -> store.put("samples", "s", Map.of("text", "stale"), version + 1))
                .isInstanceOf(io.threebot.deployer.spi.StaleVersionException.class);
        assertThatThrownBy(() -> store.put("samples", "s", Map.of("text", "fenced"), version,
                io.threebot.deployer.spi.Fence.of("work", "token-b")))
                .isInstanceOf(io.threebot.deployer.spi.FencedOffException.class);

        assertThat(store.get("samples", "s", Map.class).orElseThrow().value()).containsEntry("text", "kept");
        try (Stream<Path> left = Files.list(files.directory().resolve("samples"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("s.json");
        }
        assertThat(store.put("samples", "s", Map.of("text", "fenced"), version,
                io.threebot.deployer.spi.Fence.of("work", "token-a")).version()).isEqualTo(version + 1);
    }
}
