package io.threebot.deployer.internal.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One side effect of a deployment, or one fact it chose. A side effect is written {@link Status#PENDING} before the
 * grid call and {@link Status#DONE} with its result after (on its own, or with the next side effect's
 * {@code PENDING}), so an interrupted call can be told apart from one never made. A fact chosen without a side
 * effect is written {@code DONE} only, with the journal's next write (see {@link Saga}).
 */
public record JournalEntry(Status status, JsonNode value, Instant at) {

    /** Where a side effect stands. */
    public enum Status { PENDING, DONE, COMPENSATED }
}
