package io.threebot.deployer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.internal.store.Records;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both stores keep the same promises. */
class StateStoreContractTest {
    record Sample(String name, int count, Instant at, Optional<String> note) {
    }

    @TempDir
    static Path directory;

    static Stream<StateStore> stores() throws Exception {
        return Stream.of(new InMemoryStateStore(), new FileStateStore(Files.createTempDirectory(directory, "s")));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void putGetListAndDeleteWithVersions(StateStore store) {
        Sample one = new Sample("one", 1, Instant.parse("2026-11-24T10:00:00Z"), Optional.of("n"));
        Versioned<Sample> v1 = store.put("samples", "a", one, StateStore.NEW);
        assertThat(v1.version()).isEqualTo(1);
        assertThat(store.get("samples", "a", Sample.class)).contains(v1);
        Versioned<Sample> v2 = store.put("samples", "a", new Sample("one", 2, one.at(), Optional.empty()), 1);
        assertThat(v2.version()).isEqualTo(2);
        store.put("samples", "b", one, StateStore.NEW);
        assertThat(store.list("samples", Sample.class)).extracting(Versioned::id).containsExactly("a", "b");
        assertThat(store.get("samples", "a", Sample.class).orElseThrow().value().note()).isEmpty();
        assertThat(store.delete("samples", "a", 2)).isTrue();
        assertThat(store.delete("samples", "a", 2)).isFalse();
        assertThat(store.get("samples", "a", Sample.class)).isEmpty();
        assertThat(store.list("nothing", Sample.class)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void staleWritesAreRefusedAndChangeNothing(StateStore store) {
        Sample one = new Sample("one", 1, Instant.EPOCH, Optional.empty());
        store.put("samples", "a", one, StateStore.NEW);
        assertThatThrownBy(() -> store.put("samples", "a", new Sample("two", 2, Instant.EPOCH, Optional.empty()),
                StateStore.NEW)).isInstanceOf(StaleVersionException.class).hasMessageContaining("version 1, not 0");
        assertThatThrownBy(() -> store.delete("samples", "a", 7)).isInstanceOf(StaleVersionException.class);
        assertThat(store.get("samples", "a", Sample.class).orElseThrow().value()).isEqualTo(one);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void concurrentUpsertsLoseNoUpdate(StateStore store) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            futures.add(pool.submit(() -> Records.upsert(store, "counters", "c", Sample.class,
                    new Sample("c", 0, Instant.EPOCH, Optional.empty()),
                    s -> new Sample(s.name(), s.count() + 1, s.at(), s.note()))));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(store.get("counters", "c", Sample.class).orElseThrow().value().count()).isEqualTo(100);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void unsafeKindsAndIdsAreRefused(StateStore store) {
        Sample one = new Sample("one", 1, Instant.EPOCH, Optional.empty());
        assertThatThrownBy(() -> store.put("samples", "../escape", one, StateStore.NEW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get("../x", "a", Sample.class)).isInstanceOf(IllegalArgumentException.class);
    }
}
