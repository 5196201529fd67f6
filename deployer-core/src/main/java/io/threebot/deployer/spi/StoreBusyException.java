package io.threebot.deployer.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * The store answers, but every connection this instance may use is taken: the instance is busier than its connection
 * pool, not the database down. Work that meets it waits and tries again, as for any {@link StoreUnavailableException};
 * a host answers a request that meets it with "busy, try again in a moment" ({@link #retryAfter()}, shorter than an
 * outage's), and an operator who sees it often gives the pool more connections or the instance fewer users.
 *
 * <p>Told apart by {@code JdbcStateStore} from the exception a pool throws when no connection freed up in time and
 * none failed to open (HikariCP's {@code SQLTransientConnectionException} without a cause); a pool whose connections
 * fail to open is an outage.
 */
public class StoreBusyException extends StoreUnavailableException {
    /** How long a caller is asked to wait: a connection frees up as soon as a statement ends. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    public StoreBusyException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@link #RETRY_AFTER}. */
    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(RETRY_AFTER);
    }
}
