package io.threebot.deployer.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreException;
import io.threebot.deployer.spi.Versioned;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes, once per store, the records of a kind written before its type carried one of the
 * {@linkplain StateStore#INDEXED_FIELDS indexed fields} (a 3Bot's or a deployment journal's {@code status}, a hosted
 * 3Bot's {@code owner}): each record whose stored form lacks a field its current form gives it is written again, as
 * the type serialises it (or as a {@link Current} completes it), so the store's index lists it. A marker record
 * ({@link #KIND}, one per kind) says it was done, so every later call reads that one record only; before it, the
 * first call reads the kind whole, once.
 */
public final class IndexBackfill {
    /** The record kind of the markers, one per kind backfilled. */
    public static final String KIND = "index-backfills";
    private static final Logger LOG = LoggerFactory.getLogger(IndexBackfill.class);

    /** The marker: how many records were written again. */
    record Done(int rewritten) {
    }

    private final StateStore store;
    private final String kind;
    private final Current current;
    private volatile boolean done;

    /** What a record of the kind is now, from its stored form. */
    @FunctionalInterface
    public interface Current {
        /**
         * The record as it is to be stored now.
         *
         * @throws StoreException when the stored form cannot be read (the record is left as it is)
         */
        Object of(String id, JsonNode stored);
    }

    /** Backfills records whose type now serialises an indexed field their stored form lacks. */
    public IndexBackfill(StateStore store, String kind, Class<?> type) {
        this(store, kind, readingAs(Objects.requireNonNull(type, "type")));
    }

    /** Backfills records that {@code current} completes with an indexed field their stored form lacks. */
    public IndexBackfill(StateStore store, String kind, Current current) {
        this.store = Objects.requireNonNull(store, "store");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.current = Objects.requireNonNull(current, "current");
    }

    private static Current readingAs(Class<?> type) {
        return (id, stored) -> RecordFields.value(stored, type, id);
    }

    /** Indexes the kind's older records unless that was done already (by this or another instance). */
    public void once() {
        if (done) {
            return;
        }
        if (store.get(KIND, kind, Done.class).isPresent()) {
            done = true;
            return;
        }
        int rewritten = 0;
        for (Versioned<JsonNode> record : store.list(kind, JsonNode.class)) {
            rewritten += rewrite(record) ? 1 : 0;
        }
        try {
            store.put(KIND, kind, new Done(rewritten), StateStore.NEW);
        } catch (StaleVersionException e) {
            // another instance finished first
        }
        done = true;
        if (rewritten > 0) {
            LOG.info("Indexed {} records of kind {} written before they carried an indexed field", rewritten, kind);
        }
    }

    /** Writes the record again when its type now gives it indexed fields its stored form lacks. */
    private boolean rewrite(Versioned<JsonNode> record) {
        try {
            Object value = current.of(record.id(), record.value());
            if (RecordFields.indexed(Json.mapper().valueToTree(value)).equals(RecordFields.indexed(record.value()))) {
                return false;
            }
            store.put(kind, record.id(), value, record.version());
            return true;
        } catch (StaleVersionException e) {
            return false; // written meanwhile, in its current form
        } catch (StoreException e) {
            LOG.warn("Record {}/{} could not be indexed: {}", kind, record.id(), e.getMessage());
            return false;
        }
    }
}
