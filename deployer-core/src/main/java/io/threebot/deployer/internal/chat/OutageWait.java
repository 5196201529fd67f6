package io.threebot.deployer.internal.chat;

import io.threebot.deployer.internal.store.OutageBackoff;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.spi.StoreUnavailableException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one long step waits out store outages: after each one it tells the user the step waits for the database and
 * sleeps the backoff's next pause, never holding a lock; it gives up once the backoff's total is spent. One per run
 * of a step (or of recording its end), on the step's thread.
 */
final class OutageWait {
    /** The start of what the user is shown while a step waits for the database. */
    static final String WAITING = "The deployer's database cannot be reached; trying again in ";
    private static final Logger LOG = LoggerFactory.getLogger(OutageWait.class);

    private final OutageBackoff backoff;
    private final Progress progress;
    private final BooleanSupplier stopped;
    private final String step;

    /**
     * @param progress where the user sees that the step waits
     * @param stopped  true once the step must stop (the engine closes, its lease was lost)
     * @param step     the step and its session, for the log
     */
    OutageWait(OutageBackoff.Policy policy, Progress progress, BooleanSupplier stopped, String step) {
        this.backoff = policy.start();
        this.progress = progress;
        this.stopped = stopped;
        this.step = step;
    }

    /**
     * After an outage: shows the wait and sleeps through the next pause. False when the step should stop instead:
     * the outage outlasted the policy, the thread was interrupted, or {@code stopped} says so.
     */
    boolean pause(StoreUnavailableException outage) {
        Optional<Duration> pause = backoff.next();
        if (pause.isEmpty()) {
            LOG.warn("{} waited {} attempts for the store, which still cannot be reached ({}); it stays busy and "
                    + "runs again when a deployer takes it over", step, backoff.failures(), outage.getMessage());
            return false;
        }
        int attempt = backoff.failures() + 1;
        long seconds = Math.max(1, pause.get().plusNanos(999_999_999L).getSeconds());
        LOG.warn("{} met a store outage ({}); attempt {} in {} ms", step, outage.getMessage(), attempt,
                pause.get().toMillis());
        progress.update(WAITING + seconds + " s (attempt " + attempt + ").");
        try {
            Thread.sleep(pause.get().toMillis(), pause.get().toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !stopped.getAsBoolean();
    }
}
