package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.support.PollPacing;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.spi.ReachabilityProbe;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Polls a new 3Bot's address until it answers, telling the user how long it has been. It probes soon at first and
 * then less often, up to the configured interval ({@link PollPacing}), and once more at the deadline.
 */
public final class ReadinessWaiter {
    private final ReachabilityProbe probe;
    private final Clock clock;
    private final PollPacing pacing;
    private final Duration requestTimeout;
    private final Sleeper sleeper;

    /**
     * @param pollInterval   the longest pause between two probes
     * @param requestTimeout how long one probe may take
     */
    public ReadinessWaiter(ReachabilityProbe probe, Clock clock, Duration pollInterval, Duration requestTimeout) {
        this(probe, clock, pollInterval, requestTimeout, Sleeper.THREAD);
    }

    /** Like the public constructor, pausing through {@code sleeper} (a test's, which moves its clock). */
    ReadinessWaiter(ReachabilityProbe probe, Clock clock, Duration pollInterval, Duration requestTimeout,
                    Sleeper sleeper) {
        this.probe = probe;
        this.clock = clock;
        this.pacing = PollPacing.upTo(pollInterval);
        this.requestTimeout = requestTimeout;
        this.sleeper = sleeper;
    }

    /** True once the address answers; false when {@code timeout} passed first. */
    public boolean await(URI uri, Duration timeout, Progress progress) throws InterruptedException {
        return await(uri, Optional.empty(), timeout, progress);
    }

    /**
     * True once the container at {@code containerIp} answers for the address by itself (when given; else the
     * address, whoever answers it); false when {@code timeout} passed first.
     */
    public boolean await(URI uri, Optional<String> containerIp, Duration timeout, Progress progress)
            throws InterruptedException {
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        long lastShown = -1;
        while (true) {
            if (containerIp.isPresent() ? probe.containerAnswers(uri, containerIp.get(), requestTimeout)
                    : probe.isReachable(uri, requestTimeout)) {
                return true;
            }
            Instant now = clock.instant();
            if (now.isAfter(deadline)) {
                return false;
            }
            long waited = Duration.between(start, now).toSeconds();
            if (waited / 10 != lastShown) {
                lastShown = waited / 10;
                progress.update("Waiting for your 3Bot to answer on " + uri + " (" + waited + " s so far, at most "
                        + timeout.toSeconds() + " s).");
            }
            sleeper.sleep(pacing.next(Duration.between(start, now), Duration.between(now, deadline)));
        }
    }
}
