package io.threebot.deployer.examples;

import io.threebot.deployer.spi.ReachabilityProbe;
import java.net.URI;
import java.time.Duration;

/**
 * Measures how long a 3Bot's address does not answer while an operation runs: probes it every interval on a thread
 * of its own and adds up the time between a failed probe and the one before it.
 */
final class DowntimeMeter implements AutoCloseable {
    private final ReachabilityProbe probe;
    private final URI address;
    private final Duration interval;
    private final Thread thread;
    private final long startedNanos = System.nanoTime();
    private volatile long downNanos;
    private volatile long totalNanos;
    private volatile boolean running = true;

    DowntimeMeter(ReachabilityProbe probe, URI address, Duration interval) {
        this.probe = probe;
        this.address = address;
        this.interval = interval;
        this.thread = new Thread(this::run, "downtime-meter");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long previous = System.nanoTime();
        while (running) {
            boolean up = probe.isReachable(address, interval);
            long now = System.nanoTime();
            if (!up) {
                downNanos += now - previous;
            }
            previous = now;
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** How long the address did not answer so far. */
    Duration downtime() {
        return Duration.ofNanos(downNanos);
    }

    /** How long the meter ran (after {@link #close()}: in all). */
    Duration elapsed() {
        return Duration.ofNanos(running ? System.nanoTime() - startedNanos : totalNanos);
    }

    @Override
    public void close() {
        totalNanos = System.nanoTime() - startedNanos;
        running = false;
        thread.interrupt();
        try {
            thread.join(interval.toMillis() * 4 + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
