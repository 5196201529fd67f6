package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.spi.ReachabilityProbe;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Polls a new 3Bot's address until it answers, telling the user how long it has been. */
public final class ReadinessWaiter {
    private final ReachabilityProbe probe;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration requestTimeout;

    public ReadinessWaiter(ReachabilityProbe probe, Clock clock, Duration pollInterval, Duration requestTimeout) {
        this.probe = probe;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.requestTimeout = requestTimeout;
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
            Thread.sleep(pollInterval.toMillis());
        }
    }
}
