package io.threebot.deployer.internal.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One side effect of a deployment. It is written {@link Status#PENDING} before the grid call and
 * {@link Status#DONE} with its result after, so an interrupted call can be told apart from one never made.
 */
public record JournalEntry(Status status, JsonNode value, Instant at) {

    /** Where a side effect stands. */
    public enum Status { PENDING, DONE, COMPENSATED }
}
