package io.threebot.deployer.spi;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * The store cannot be reached (a database down, out of connections, or not answering in time); the same call may
 * work later. Work that meets it waits and tries again rather than failing or undoing anything; a host answers a
 * request that meets it with "try again shortly" ({@link #retryAfter()}), not with a failure of the grid.
 */
public class StoreUnavailableException extends StoreException {
    /** How long a caller is asked to wait before trying again: a database restart takes seconds. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@link Reason#UNAVAILABLE}. */
    @Override
    public Reason reason() {
        return Reason.UNAVAILABLE;
    }

    /** {@link #RETRY_AFTER}. */
    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(RETRY_AFTER);
    }

    /**
     * The store outage behind a failure: {@code failure} itself or the first of its causes that is a
     * {@code StoreUnavailableException}; empty when the store was not the cause.
     */
    public static Optional<StoreUnavailableException> findIn(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof StoreUnavailableException outage) {
                return Optional.of(outage);
            }
        }
        return Optional.empty();
    }
}
