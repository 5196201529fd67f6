package io.threebot.deployer.tfgrid.deploy;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.grid.GridUnavailableException;
import io.threebot.deployer.support.PollPacing;
import io.threebot.deployer.tfgrid.zos.Workload;
import io.threebot.deployer.tfgrid.zos.WorkloadResult;
import io.threebot.deployer.tfgrid.zos.ZosNodeException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Polls a deployment's changes on its node until every workload is {@code ok} at the deployment's version, as the
 * deployer's own waits do ({@link PollPacing}): soon at first, then at a tenth of how long it has waited, up to the
 * poll interval, and once more at the ready deadline before it gives up. Each poll has the call deadline, so the last
 * one may end that much past the ready deadline.
 */
final class ReadyWait {
    /** How the wait reads the time and pauses: the system's unless a test passes time its own way. */
    interface Ticker {
        /** The system's monotonic clock and {@link Thread#sleep}. */
        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration pause) throws InterruptedException {
                Thread.sleep(pause.toMillis(), pause.toNanosPart() % 1_000_000);
            }
        };

        /** A monotonic time in nanoseconds, as {@link System#nanoTime()}. */
        long nanoTime();

        /** Pauses the wait. */
        void sleep(Duration pause) throws InterruptedException;
    }

    /** One poll: the deployment's workloads with their latest results, read within {@code deadline}. */
    @FunctionalInterface
    interface Changes {
        List<Workload> read(Duration deadline) throws InterruptedException;
    }

    private final Duration callDeadline;
    private final Duration readyDeadline;
    private final PollPacing pacing;
    private final Ticker ticker;

    ReadyWait(GridContext grid) {
        this(grid.callDeadline(), grid.readyDeadline(), grid.pollInterval(), Ticker.SYSTEM);
    }

    /**
     * @param callDeadline  the deadline of one poll
     * @param readyDeadline how long the workloads may take to be ready
     * @param pollInterval  the longest pause between two polls
     */
    ReadyWait(Duration callDeadline, Duration readyDeadline, Duration pollInterval, Ticker ticker) {
        this.callDeadline = callDeadline;
        this.readyDeadline = readyDeadline;
        this.pacing = PollPacing.upTo(pollInterval);
        this.ticker = ticker;
    }

    /**
     * Returns once every workload of the contract's deployment is {@code ok} at {@code version} or later. A poll
     * that fails for the node or the relay is polled again; a node that has no such deployment, or a workload in
     * error, ends the wait at once.
     *
     * @throws WorkloadErrorException   when a workload ended in error, was deleted or paused
     * @throws ZosNodeException         when the node refused the poll
     * @throws GridUnavailableException when the workloads were not ready by the deadline (the last poll's failure
     *                                  as its cause)
     */
    void await(long contractId, long version, Changes changes) throws InterruptedException {
        long start = ticker.nanoTime();
        long deadline = start + readyDeadline.toNanos();
        DeployerException lastError = null;
        while (true) {
            try {
                if (ready(latest(changes.read(callDeadline)), version)) {
                    return;
                }
            } catch (ZosNodeException | WorkloadErrorException e) {
                throw e;
            } catch (DeployerException e) {
                lastError = e; // the node or relay may answer the next poll
            }
            long now = ticker.nanoTime();
            if (now - deadline >= 0) {
                String why = lastError == null ? "" : " (last: " + lastError.getMessage() + ")";
                throw new GridUnavailableException("the workloads of contract " + contractId + " were not ready "
                        + "within " + readyDeadline.toSeconds() + " s" + why, lastError);
            }
            ticker.sleep(pacing.next(Duration.ofNanos(now - start), Duration.ofNanos(deadline - now)));
        }
    }

    private static boolean ready(Map<String, Workload> latest, long version) {
        if (latest.isEmpty()) {
            return false;
        }
        boolean allOk = true;
        for (Workload w : latest.values()) {
            WorkloadResult.State state = w.result() == null ? WorkloadResult.State.NONE : w.result().state();
            switch (state) {
                case ERROR, DELETED, PAUSED -> throw new WorkloadErrorException(w.name(), state,
                        w.result().message());
                case OK -> allOk &= w.version() >= version;
                default -> allOk = false;
            }
        }
        return allOk;
    }

    /** The last change of each workload. */
    static Map<String, Workload> latest(List<Workload> changes) {
        Map<String, Workload> byName = new LinkedHashMap<>();
        for (Workload w : changes) {
            byName.put(w.name(), w);
        }
        return byName;
    }

    /** A workload ended in a state it will not leave by itself. */
    static final class WorkloadErrorException extends GridUnavailableException {
        WorkloadErrorException(String workload, WorkloadResult.State state, String message) {
            super("workload " + workload + " is " + state.wire() + (message == null || message.isEmpty() ? ""
                    : ": " + message));
        }
    }
}
