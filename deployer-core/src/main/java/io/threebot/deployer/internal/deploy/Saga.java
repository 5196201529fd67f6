package io.threebot.deployer.internal.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.internal.store.Json;
import io.threebot.deployer.internal.store.Records;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Runs a deployment's side effects through its journal: each runs at most once, and a run cut short is found
 * again (through {@code recover}) instead of being repeated.
 *
 * <p>Not everything the journal holds costs a write of its own. A side effect's intent ({@code PENDING}, with the key
 * that names it on the grid) is written before its call, and its outcome ({@code DONE}) once the call answered,
 * before anything depends on it. What can wait is written together with the journal's next write: a choice made
 * without touching the grid or money ({@link #choose}, {@link #note}: a farm, a node, a sealed secret, an address),
 * which a run cut short before that write simply makes again; and the outcome of a side effect that is followed at
 * once by another ({@link #stepWithNext}), whose intent carries it. Such entries are held by this saga until then
 * ({@link #flush} writes them on their own), and everything it reads sees them. Every write is made on the
 * caller's thread, so it is fenced by the lease of the work that makes it.
 */
public final class Saga {
    private final StateStore store;
    private final String id;
    private final Clock clock;
    /** Entries made but not written yet, in the order they were made; guarded by itself, never across I/O. */
    private final Map<String, JournalEntry> unwritten = new LinkedHashMap<>();

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

    /** The journal as stored, with the entries this saga made and has not written yet. */
    public DeploymentJournal journal() {
        return store.get(DeploymentJournal.KIND, id, DeploymentJournal.class)
                .orElseThrow(() -> new StoreException("deployment journal " + id + " disappeared")).value()
                .withAll(unwritten(), clock.instant());
    }

    /**
     * Runs {@code call} once. If the journal shows it done, returns the recorded value; if it shows it started but
     * not finished, asks {@code recover} for what the call left behind, and only calls again when nothing is found.
     */
    public <T> T step(String key, Class<T> type, Supplier<Optional<T>> recover, Supplier<T> call) {
        return step(key, type, recover, call, true);
    }

    /**
     * Like {@link #step}, but the call's outcome is written with the journal's next write, which the caller makes at
     * once, before anything depends on the outcome: the intent of the side effect that follows, or {@link #flush}.
     * A run cut short in between finds this call's intent only, as one cut short before a write of the outcome
     * of its own would, and the time in between is no longer. An outcome {@code recover} finds is written at once.
     */
    public <T> T stepWithNext(String key, Class<T> type, Supplier<Optional<T>> recover, Supplier<T> call) {
        return step(key, type, recover, call, false);
    }

    private <T> T step(String key, Class<T> type, Supplier<Optional<T>> recover, Supplier<T> call,
                       boolean writeOutcome) {
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
        if (writeOutcome) {
            record(key, value);
        } else {
            note(key, value);
        }
        return value;
    }

    /**
     * A choice that touches neither the grid nor money (a farm, a node, a sealed secret): the one the journal holds,
     * else {@code make}'s, kept with the journal's next write ({@link #note}). A run cut short before that write
     * chooses again; nothing outside the journal saw the first choice.
     */
    public <T> T choose(String key, Class<T> type, Supplier<T> make) {
        Optional<T> done = done(key, type);
        if (done.isPresent()) {
            return done.get();
        }
        T value = make.get();
        note(key, value);
        return value;
    }

    /**
     * Keeps a fact as done (overwriting), to be written with the journal's next write: for a fact that nothing
     * outside the journal depends on until a later side effect, whose intent then carries it.
     */
    public void note(String key, Object value) {
        JournalEntry entry = new JournalEntry(JournalEntry.Status.DONE, Json.mapper().valueToTree(value),
                clock.instant());
        synchronized (unwritten) {
            unwritten.remove(key);
            unwritten.put(key, entry);
        }
    }

    /** Writes the entries kept for the journal's next write, if there are any. */
    public void flush() {
        if (!unwritten().isEmpty()) {
            update(j -> j);
        }
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

    /**
     * A fact a deployment's journal holds as done, read without opening the journal (nothing is written): empty when
     * there is no such journal or fact.
     */
    public static <T> Optional<T> doneIn(StateStore store, String deploymentId, String key, Class<T> type) {
        return store.get(DeploymentJournal.KIND, deploymentId, DeploymentJournal.class)
                .map(stored -> stored.value().entries().get(key))
                .filter(entry -> entry.status() == JournalEntry.Status.DONE)
                .map(entry -> read(entry.value(), type));
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

    /**
     * The values recorded under keys with the prefix, whether still standing or since compensated, oldest first: what
     * the deployment did at some point, undone or not.
     */
    public <T> List<T> everRecorded(String prefix, Class<T> type) {
        List<T> values = new ArrayList<>();
        journal().entries().forEach((k, e) -> {
            if (k.startsWith(prefix) && e.status() != JournalEntry.Status.PENDING && e.value() != null
                    && !e.value().isNull()) {
                values.add(read(e.value(), type));
            }
        });
        return values;
    }

    public Optional<JournalEntry> entry(String key) {
        return Optional.ofNullable(journal().entries().get(key));
    }

    /**
     * Ends the deployment. It only moves forward: a deployment that began its undoing cannot end {@code SUCCEEDED},
     * and one that recorded its 3Bot cannot end {@code COMPENSATED}.
     *
     * @throws DeploymentUndoneException when it was undone (or began its undoing) and {@code outcome} is a success
     * @throws IllegalStateException     when it recorded its 3Bot and {@code outcome} is an undoing
     */
    public void end(DeploymentJournal.Outcome outcome, String why) {
        update(j -> {
            if (outcome == DeploymentJournal.Outcome.SUCCEEDED && j.outcome().undoing()) {
                throw new DeploymentUndoneException(j);
            }
            if (outcome.undoing() && (j.outcome() == DeploymentJournal.Outcome.SUCCEEDED || j.hasResult())) {
                throw new IllegalStateException("deployment " + id + " succeeded; it is not undone");
            }
            return j.outcome() == outcome && j.failure().equals(why) ? j : j.ended(outcome, why, clock.instant());
        });
    }

    /**
     * Marks the deployment as being undone, with the reason to show its user, before anything is undone: a runner
     * that resumes it after a crash or take-over then finishes the undoing instead of going forward; what this saga
     * kept for its next write (a workload's id, say, for the undoing to remove) is written with the mark. False (and
     * the outcome left as it was) when the deployment already recorded its 3Bot: a deployment that succeeded is never
     * undone.
     */
    public boolean beginUndoing(String why) {
        DeploymentJournal journal = update(
                j -> j.hasResult() || j.outcome() == DeploymentJournal.Outcome.SUCCEEDED || j.outcome().undoing() ? j
                        : j.ended(DeploymentJournal.Outcome.COMPENSATING, why, clock.instant()));
        return journal.outcome().undoing();
    }

    /**
     * Records the 3Bot the deployment made: from then on nothing undoes it. Refused when the deployment began its
     * undoing meanwhile (another runner took it over and is undoing it): a refunded deployment never becomes a
     * running 3Bot.
     *
     * @throws DeploymentUndoneException when the deployment is being undone or was undone
     */
    public void recordResult(String threebotUuid) {
        update(j -> {
            if (j.outcome().undoing()) {
                throw new DeploymentUndoneException(j);
            }
            return j.with(DeploymentJournal.RESULT_KEY, new JournalEntry(JournalEntry.Status.DONE,
                    Json.mapper().valueToTree(threebotUuid), clock.instant()), clock.instant());
        });
    }

    /**
     * Writes an entry. A side effect about to be made (an entry {@code PENDING}) is refused once the deployment began
     * its undoing: a runner that lost the deployment to one undoing it makes no new side effect.
     */
    private void write(String key, JournalEntry entry) {
        update(j -> {
            if (entry.status() == JournalEntry.Status.PENDING && j.outcome().undoing()) {
                throw new DeploymentUndoneException(j);
            }
            return j.with(key, entry, clock.instant());
        });
    }

    /**
     * Applies {@code change} to the stored journal with the entries kept for the next write put in first, and writes
     * the result as one record; the kept entries it wrote are then no longer kept (one kept anew meanwhile stays).
     * The store is written outside the lock of the kept entries.
     */
    private DeploymentJournal update(UnaryOperator<DeploymentJournal> change) {
        Map<String, JournalEntry> carried = unwritten();
        DeploymentJournal written = Records.upsert(store, DeploymentJournal.KIND, id, DeploymentJournal.class, null,
                j -> change.apply(j.withAll(carried, clock.instant()))).value();
        if (!carried.isEmpty()) {
            synchronized (unwritten) {
                carried.forEach(unwritten::remove);
            }
        }
        return written;
    }

    private Map<String, JournalEntry> unwritten() {
        synchronized (unwritten) {
            return unwritten.isEmpty() ? Map.of() : new LinkedHashMap<>(unwritten);
        }
    }

    private static <T> T read(JsonNode node, Class<T> type) {
        try {
            return Json.mapper().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("journal value does not fit " + type.getSimpleName(), e);
        }
    }
}
