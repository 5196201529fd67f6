package io.threebot.deployer.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.internal.store.Json;
import io.threebot.deployer.internal.store.RecordFields;
import io.threebot.deployer.internal.store.RecordKeys;
import io.threebot.deployer.spi.Fence;
import io.threebot.deployer.spi.FencedOffException;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A state store in memory. Values are kept as JSON, so what comes back is a copy shaped exactly as the file store
 * would return it. Like the other stores it keeps an index of the {@link StateStore#INDEXED_FIELDS}, so finding
 * by them reads only the matching records however many are stored.
 */
public final class InMemoryStateStore implements StateStore {
    private record Entry(long version, JsonNode json) {
    }

    /** One kind's records, and for each indexed field the ids of the records with each value. */
    private static final class Kind {
        final Map<String, Entry> records = new TreeMap<>();
        final Map<String, Map<String, Set<String>>> index = new HashMap<>();

        void unindex(String id, JsonNode json) {
            RecordFields.indexed(json).forEach((field, value) -> {
                Map<String, Set<String>> byValue = index.get(field);
                Set<String> ids = byValue == null ? null : byValue.get(value);
                if (ids != null) {
                    ids.remove(id);
                    if (ids.isEmpty()) {
                        byValue.remove(value);
                    }
                }
            });
        }

        void reindex(String id, JsonNode json) {
            RecordFields.indexed(json).forEach((field, value) -> index.computeIfAbsent(field, f -> new HashMap<>())
                    .computeIfAbsent(value, v -> new TreeSet<>()).add(id));
        }
    }

    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

    /** A record's value; a caller asking for JSON gets a copy, so changing it changes nothing stored. */
    private static <T> T read(Entry e, Class<T> type, String id) {
        return RecordFields.value(JsonNode.class.isAssignableFrom(type) ? e.json.deepCopy() : e.json, type, id);
    }
    private static final Kind NONE = new Kind();

    @Override
    public <T> Optional<Versioned<T>> get(String kind, String id, Class<T> type) {
        RecordKeys.check(kind, id);
        Kind k = kinds.getOrDefault(kind, NONE);
        Entry e;
        synchronized (k) {
            e = k.records.get(id);
        }
        return e == null ? Optional.empty() : Optional.of(new Versioned<>(id, e.version, read(e, type, id)));
    }

    @Override
    public <T> Versioned<T> put(String kind, String id, T value, long expectedVersion) {
        RecordKeys.check(kind, id);
        Kind k = kinds.computeIfAbsent(kind, name -> new Kind());
        JsonNode json = value instanceof JsonNode tree ? tree.deepCopy() : Json.mapper().valueToTree(value);
        synchronized (k) {
            Entry current = k.records.get(id);
            long actual = current == null ? NEW : current.version;
            if (actual != expectedVersion) {
                throw new StaleVersionException(kind, id, expectedVersion, actual);
            }
            if (current != null) {
                k.unindex(id, current.json);
            }
            k.records.put(id, new Entry(actual + 1, json));
            k.reindex(id, json);
            return new Versioned<>(id, actual + 1, value);
        }
    }

    /** The lease records are locked while a fenced write checks them, so no take-over comes in between. */
    @Override
    public <T> Versioned<T> put(String kind, String id, T value, long expectedVersion, Fence fence) {
        Kind leases = fenceable(kind);
        synchronized (leases) {
            checkFence(leases, kind, id, fence);
            return put(kind, id, value, expectedVersion);
        }
    }

    @Override
    public boolean delete(String kind, String id, long expectedVersion, Fence fence) {
        Kind leases = fenceable(kind);
        synchronized (leases) {
            checkFence(leases, kind, id, fence);
            return delete(kind, id, expectedVersion);
        }
    }

    private Kind fenceable(String kind) {
        if (kind.equals(Fence.LEASE_KIND)) {
            throw new IllegalArgumentException("leases are not written under a fence");
        }
        return kinds.computeIfAbsent(Fence.LEASE_KIND, name -> new Kind());
    }

    private static void checkFence(Kind leases, String kind, String id, Fence fence) {
        for (String lease : fence.tokens().keySet()) {
            Entry held = leases.records.get(lease);
            if (!fence.admits(lease, held == null ? null : held.json.path(Fence.TOKEN_FIELD).textValue())) {
                throw new FencedOffException(kind, id, lease);
            }
        }
    }

    @Override
    public <T> List<Versioned<T>> list(String kind, Class<T> type) {
        Kind k = kinds.getOrDefault(kind, NONE);
        Map<String, Entry> taken;
        synchronized (k) {
            taken = new LinkedHashMap<>(k.records);
        }
        return values(kind, taken, type);
    }

    /**
     * By an indexed field, reads only the matching records; by any other, looks through the kind's records. The
     * records are turned into values outside the kind's lock, so a long answer holds up no writer.
     */
    @Override
    public <T> List<Versioned<T>> find(String kind, String field, String value, Class<T> type) {
        if (!INDEXED_FIELDS.contains(field)) {
            return RecordFields.matching(kind, list(kind, JsonNode.class), field, value, type);
        }
        return values(kind, indexed(kind, field, value), type);
    }

    /**
     * The records the index lists under the value whose JSON does not fit {@code type}: in memory every value is
     * JSON, so only a record written as another shape than it is read as (by a test, say) is damaged.
     */
    @Override
    public List<String> findDamaged(String kind, String field, String value, Class<?> type) {
        RecordFields.requireIndexed(field);
        List<String> damaged = new ArrayList<>();
        indexed(kind, field, value).forEach((id, e) -> {
            if (RecordFields.readable(kind, id, e.version, e.json, type).isEmpty()) {
                damaged.add(id);
            }
        });
        return damaged;
    }

    /** The records the index lists under the value, by id, taken under the kind's lock. */
    private Map<String, Entry> indexed(String kind, String field, String value) {
        Kind k = kinds.getOrDefault(kind, NONE);
        Map<String, Entry> taken = new LinkedHashMap<>();
        synchronized (k) {
            for (String id : k.index.getOrDefault(field, Map.of()).getOrDefault(value, Set.of())) {
                taken.put(id, k.records.get(id));
            }
        }
        return taken;
    }

    /** The entries that fit {@code type}, as values; the others are logged and left out, as find promises. */
    private static <T> List<Versioned<T>> values(String kind, Map<String, Entry> entries, Class<T> type) {
        List<Versioned<T>> result = new ArrayList<>(entries.size());
        entries.forEach((id, e) -> {
            JsonNode json = JsonNode.class.isAssignableFrom(type) ? e.json.deepCopy() : e.json;
            RecordFields.readable(kind, id, e.version, json, type).ifPresent(result::add);
        });
        return result;
    }

    @Override
    public boolean delete(String kind, String id, long expectedVersion) {
        RecordKeys.check(kind, id);
        Kind k = kinds.getOrDefault(kind, NONE);
        synchronized (k) {
            Entry current = k.records.get(id);
            if (current == null) {
                return false;
            }
            if (current.version != expectedVersion) {
                throw new StaleVersionException(kind, id, expectedVersion, current.version);
            }
            k.records.remove(id);
            k.unindex(id, current.json);
            return true;
        }
    }
}
