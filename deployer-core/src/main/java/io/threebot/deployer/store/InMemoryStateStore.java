package io.threebot.deployer.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.internal.store.Json;
import io.threebot.deployer.internal.store.RecordFields;
import io.threebot.deployer.internal.store.RecordKeys;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A state store in memory. Values are kept as JSON, so what comes back is a copy shaped exactly as the file store
 * would return it.
 */
public final class InMemoryStateStore implements StateStore {
    private record Entry(long version, JsonNode json) {
    }

    private final Map<String, Map<String, Entry>> kinds = new ConcurrentHashMap<>();

    @Override
    public <T> Optional<Versioned<T>> get(String kind, String id, Class<T> type) {
        RecordKeys.check(kind, id);
        Entry e = kinds.getOrDefault(kind, Map.of()).get(id);
        return e == null ? Optional.empty() : Optional.of(new Versioned<>(id, e.version, RecordFields.value(e.json, type, id)));
    }

    @Override
    public <T> Versioned<T> put(String kind, String id, T value, long expectedVersion) {
        RecordKeys.check(kind, id);
        Map<String, Entry> records = kinds.computeIfAbsent(kind, k -> new TreeMap<>());
        synchronized (records) {
            Entry current = records.get(id);
            long actual = current == null ? NEW : current.version;
            if (actual != expectedVersion) {
                throw new StaleVersionException(kind, id, expectedVersion, actual);
            }
            records.put(id, new Entry(actual + 1, Json.mapper().valueToTree(value)));
            return new Versioned<>(id, actual + 1, value);
        }
    }

    @Override
    public <T> List<Versioned<T>> list(String kind, Class<T> type) {
        Map<String, Entry> records = kinds.getOrDefault(kind, Map.of());
        List<Versioned<T>> result = new ArrayList<>();
        synchronized (records) {
            records.forEach((id, e) -> result.add(new Versioned<>(id, e.version, RecordFields.value(e.json, type, id))));
        }
        return result;
    }

    /** Looks through the kind's records in memory, which is cheap enough to need no index. */
    @Override
    public <T> List<Versioned<T>> find(String kind, String field, String value, Class<T> type) {
        Map<String, Entry> records = kinds.getOrDefault(kind, Map.of());
        List<Versioned<T>> result = new ArrayList<>();
        synchronized (records) {
            records.forEach((id, e) -> {
                if (RecordFields.text(e.json, field).filter(value::equals).isPresent()) {
                    result.add(new Versioned<>(id, e.version, RecordFields.value(e.json, type, id)));
                }
            });
        }
        return result;
    }

    @Override
    public boolean delete(String kind, String id, long expectedVersion) {
        RecordKeys.check(kind, id);
        Map<String, Entry> records = kinds.getOrDefault(kind, Map.of());
        synchronized (records) {
            Entry current = records.get(id);
            if (current == null) {
                return false;
            }
            if (current.version != expectedVersion) {
                throw new StaleVersionException(kind, id, expectedVersion, current.version);
            }
            records.remove(id);
            return true;
        }
    }
}
