package io.threebot.deployer.internal.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits a bounded time for the threads of executors that were told to stop. */
public final class Shutdowns {
    private static final Logger LOG = LoggerFactory.getLogger(Shutdowns.class);

    private Shutdowns() {
    }

    /**
     * Waits until every executor, already shut down, has no thread left, or {@code timeout} passed in all; an
     * interrupt ends the wait early and stays set.
     *
     * @return true when every executor's threads ended in time
     */
    public static boolean awaitAll(Duration timeout, List<? extends ExecutorService> executors) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean all = true;
        for (ExecutorService executor : executors) {
            try {
                if (!executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    all = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        if (!all) {
            LOG.warn("Some threads were still busy {} after they were told to stop; they end on their own", timeout);
        }
        return all;
    }
}
