package io.threebot.deployer.internal.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.internal.store.Json;
import io.threebot.deployer.internal.store.Records;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a deployment's side effects through its journal: each runs at most once, and a run cut short is found
 * again (through {@code recover}) instead of being repeated.
 */
public final class Saga {
    private final StateStore store;
    private final String id;
    private final Clock clock;

    private Saga(StateStore store, String id, Clock clock) {
        this.store = store;
        this.id = id;
        this.clock = clock;
    }

    /** Opens the journal of a deployment, creating it on first use. */
    public static Saga open(StateStore store, String deploymentId, String owner, String threebotName, Clock clock) {
        if (store.get(DeploymentJournal.KIND, deploymentId, DeploymentJournal.class).isEmpty()) {
            DeploymentJournal fresh = new DeploymentJournal(deploymentId, owner, threebotName, Map.of(),
                    DeploymentJournal.Outcome.IN_PROGRESS, "", clock.instant(), clock.instant());
            Records.upsert(store, DeploymentJournal.KIND, deploymentId, DeploymentJournal.class, fresh, j -> j);
        }
        return new Saga(store, deploymentId, clock);
    }

    public String id() {
        return id;
    }

    public DeploymentJournal journal() {
        return store.get(DeploymentJournal.KIND, id, DeploymentJournal.class)
                .orElseThrow(() -> new StoreException("deployment journal " + id + " disappeared")).value();
    }

    /**
     * Runs {@code call} once. If the journal shows it done, returns the recorded value; if it shows it started but
     * not finished, asks {@code recover} for what the call left behind, and only calls again when nothing is found.
     */
    public <T> T step(String key, Class<T> type, Supplier<Optional<T>> recover, Supplier<T> call) {
        JournalEntry entry = journal().entries().get(key);
        if (entry != null && entry.status() == JournalEntry.Status.DONE) {
            return read(entry.value(), type);
        }
        if (entry != null && entry.status() == JournalEntry.Status.PENDING) {
            Optional<T> found = recover.get();
            if (found.isPresent()) {
                record(key, found.get());
                return found.get();
            }
        }
        write(key, new JournalEntry(JournalEntry.Status.PENDING, null, clock.instant()));
        T value = call.get();
        record(key, value);
        return value;
    }

    /** Like {@link #step} for calls that leave nothing to find: an interrupted call is simply made again. */
    public <T> T step(String key, Class<T> type, Supplier<T> call) {
        return step(key, type, Optional::empty, call);
    }

    public <T> Optional<T> done(String key, Class<T> type) {
        JournalEntry entry = journal().entries().get(key);
        return entry != null && entry.status() == JournalEntry.Status.DONE
                ? Optional.of(read(entry.value(), type)) : Optional.empty();
    }

    /** Records a fact as done (overwriting), e.g. the placement chosen for the next attempt. */
    public void record(String key, Object value) {
        write(key, new JournalEntry(JournalEntry.Status.DONE, Json.mapper().valueToTree(value), clock.instant()));
    }

    public void markCompensated(String key) {
        JournalEntry entry = journal().entries().get(key);
        write(key, new JournalEntry(JournalEntry.Status.COMPENSATED, entry == null ? null : entry.value(),
                clock.instant()));
    }

    /** Keys with the prefix that are done or pending, newest first. */
    public List<String> keysNewestFirst(String prefix) {
        List<String> keys = new ArrayList<>();
        journal().entries().forEach((k, e) -> {
            if (k.startsWith(prefix) && e.status() != JournalEntry.Status.COMPENSATED) {
                keys.add(0, k);
            }
        });
        return keys;
    }

    public Optional<JournalEntry> entry(String key) {
        return Optional.ofNullable(journal().entries().get(key));
    }

    public void end(DeploymentJournal.Outcome outcome, String why) {
        Records.upsert(store, DeploymentJournal.KIND, id, DeploymentJournal.class, null,
                j -> j.ended(outcome, why, clock.instant()));
    }

    private void write(String key, JournalEntry entry) {
        Records.upsert(store, DeploymentJournal.KIND, id, DeploymentJournal.class, null,
                j -> j.with(key, entry, clock.instant()));
    }

    private static <T> T read(JsonNode node, Class<T> type) {
        try {
            return Json.mapper().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("journal value does not fit " + type.getSimpleName(), e);
        }
    }
}
