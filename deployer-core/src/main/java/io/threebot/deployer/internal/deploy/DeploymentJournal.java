package io.threebot.deployer.internal.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Everything a deployment did on the grid, in order, keyed by idempotency key. */
public record DeploymentJournal(String id, String owner, String threebotName, Map<String, JournalEntry> entries,
                                Outcome outcome, String failure, Instant createdAt, Instant updatedAt) {
    /** The store kind journals are kept under. */
    public static final String KIND = "deployments";

    /**
     * Where a deployment stands: going forward ({@code IN_PROGRESS}), being undone ({@code COMPENSATING}), or ended.
     * It only ever moves forward: a deployment that began its undoing is never taken up again, and one that recorded
     * its 3Bot is never undone.
     */
    public enum Outcome {
        IN_PROGRESS, COMPENSATING, SUCCEEDED, COMPENSATED;

        /** True once the deployment succeeded or was undone: nothing is left to do for it. */
        public boolean ended() {
            return this == SUCCEEDED || this == COMPENSATED;
        }

        /** True once the deployment began its undoing, whether or not the undoing finished. */
        public boolean undoing() {
            return this == COMPENSATING || this == COMPENSATED;
        }
    }

    /** The journal key under which a deployment records the 3Bot it made; once there, nothing undoes it. */
    public static final String RESULT_KEY = "threebot";

    public DeploymentJournal {
        Objects.requireNonNull(id, "id");
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        Objects.requireNonNull(outcome, "outcome");
        failure = failure == null ? "" : failure;
    }

    /**
     * The outcome as stored for the index ({@code status}, one of the store's indexed fields), so the journals that
     * ended are found without reading those in progress, and the other way round.
     */
    @JsonProperty(value = "status", access = JsonProperty.Access.READ_ONLY)
    public String status() {
        return outcome.name();
    }

    DeploymentJournal with(String key, JournalEntry entry, Instant now) {
        Map<String, JournalEntry> copy = new LinkedHashMap<>(entries);
        copy.put(key, entry);
        return new DeploymentJournal(id, owner, threebotName, copy, outcome, failure, createdAt, now);
    }

    /** The journal with each of {@code more} put in (the newer entry under a key wins). */
    DeploymentJournal withAll(Map<String, JournalEntry> more, Instant now) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, JournalEntry> copy = new LinkedHashMap<>(entries);
        copy.putAll(more);
        return new DeploymentJournal(id, owner, threebotName, copy, outcome, failure, createdAt, now);
    }

    /** True when the deployment recorded the 3Bot it made (it succeeded, even if its end is not written yet). */
    public boolean hasResult() {
        JournalEntry result = entries.get(RESULT_KEY);
        return result != null && result.status() == JournalEntry.Status.DONE;
    }

    DeploymentJournal ended(Outcome newOutcome, String why, Instant now) {
        return new DeploymentJournal(id, owner, threebotName, entries, newOutcome, why, createdAt, now);
    }
}
