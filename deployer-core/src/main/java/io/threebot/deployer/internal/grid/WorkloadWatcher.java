package io.threebot.deployer.internal.grid;

import io.threebot.deployer.grid.GridException;
import io.threebot.deployer.grid.WorkloadFailedException;
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.ResultState;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.spi.GridClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for workloads. One poller per grid fetches every pending workload in one batch each interval, however
 * many deployments wait at once.
 */
public final class WorkloadWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkloadWatcher.class);

    private record Watch(long workloadId, WorkloadType type, String nodeId, Predicate<Workload> done,
                         Instant deadline, String lateReason, CompletableFuture<Workload> future) {
    }

    /** How long {@link #close()} waits for a poll under way to end. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private final GridClient grid;
    private final Clock clock;
    private final ScheduledExecutorService poller;
    private final Map<Long, List<Watch>> pending = new ConcurrentHashMap<>();
    private volatile long batches;
    private final Duration interval;
    private final java.util.concurrent.atomic.AtomicBoolean polling = new java.util.concurrent.atomic.AtomicBoolean();

    public WorkloadWatcher(GridClient grid, Clock clock, Duration interval) {
        this.grid = grid;
        this.clock = clock;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "threebot-workload-watcher");
            t.setDaemon(true);
            return t;
        });
        this.interval = interval;
    }

    /** Starts the poller with the first watch, so that a watcher nobody uses has no thread. */
    private void startPolling() {
        if (polling.compareAndSet(false, true)) {
            try {
                poller.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("The watcher is closed; it polls no more");
            }
        }
    }

    /**
     * Completes with the workload once its node reported OK; fails with {@link WorkloadFailedException} when it
     * reported an error, was refused or removed, its node is down, or the timeout passed.
     */
    public CompletableFuture<Workload> awaitOk(long workloadId, WorkloadType type, String nodeId, Duration timeout) {
        if (!nodeIsUp(type, nodeId)) {
            return CompletableFuture.failedFuture(
                    new WorkloadFailedException(workloadId, type, nodeId, "the node is down"));
        }
        return watch(workloadId, type, nodeId, w -> w.result().isPresent() || w.nextAction().isGone(), timeout,
                "not deployed in time")
                .thenApply(w -> {
                    if (w.result().map(r -> r.state() == ResultState.OK).orElse(false)
                            && w.nextAction() == NextAction.DEPLOY) {
                        return w;
                    }
                    String reason = w.result().map(r -> r.message().isBlank() ? r.state().name() : r.message())
                            .orElse("the grid marked it " + w.nextAction().name().toLowerCase(Locale.ROOT));
                    throw new WorkloadFailedException(workloadId, type, nodeId, reason);
                });
    }

    /** Completes once the node confirmed the workload is gone. */
    public CompletableFuture<Workload> awaitDeletion(long workloadId, WorkloadType type, String nodeId,
                                                     Duration timeout) {
        return watch(workloadId, type, nodeId, w -> w.nextAction() == NextAction.DELETED
                || w.nextAction() == NextAction.INVALID, timeout, "not removed in time");
    }

    /** How many batched polls went to the grid so far. */
    public long batches() {
        return batches;
    }

    @Override
    public void close() {
        poller.shutdownNow();
        pending.values().forEach(ws -> ws.forEach(w -> w.future.cancel(false)));
        io.threebot.deployer.internal.support.Shutdowns.awaitAll(CLOSE_WAIT, List.of(poller));
    }

    private CompletableFuture<Workload> watch(long workloadId, WorkloadType type, String nodeId,
                                              Predicate<Workload> done, Duration timeout, String lateReason) {
        startPolling();
        CompletableFuture<Workload> future = new CompletableFuture<>();
        Watch watch = new Watch(workloadId, type, nodeId, done, clock.instant().plus(timeout), lateReason, future);
        pending.compute(workloadId, (id, list) -> {
            List<Watch> watches = list == null ? new ArrayList<>() : new ArrayList<>(list);
            watches.add(watch);
            return watches;
        });
        return future;
    }

    private boolean nodeIsUp(WorkloadType type, String nodeId) {
        try {
            return type.onGateway()
                    ? grid.getGateway(nodeId).map(g -> g.isUp(clock)).orElse(false)
                    : grid.getNode(nodeId).map(n -> n.isUp(clock)).orElse(false);
        } catch (GridException e) {
            LOG.warn("Could not check whether {} is up: {}", nodeId, e.getMessage());
            return true;
        }
    }

    private void poll() {
        if (pending.isEmpty()) {
            return;
        }
        List<Long> ids = new ArrayList<>(pending.keySet());
        Map<Long, Workload> found = new HashMap<>();
        try {
            grid.getWorkloads(ids).forEach(w -> found.put(w.id(), w));
            batches++;
        } catch (RuntimeException e) {
            LOG.warn("Polling {} workloads failed; trying again next round: {}", ids.size(), e.getMessage());
        }
        Instant now = clock.instant();
        for (long id : ids) {
            Workload workload = found.get(id);
            pending.computeIfPresent(id, (key, watches) -> {
                List<Watch> left = new ArrayList<>();
                for (Watch watch : watches) {
                    if (workload != null && watch.done.test(workload)) {
                        complete(watch, workload);
                    } else if (now.isAfter(watch.deadline)) {
                        watch.future.completeExceptionally(new WorkloadFailedException(id, watch.type, watch.nodeId,
                                watch.lateReason));
                    } else if (!watch.future.isDone()) {
                        left.add(watch);
                    }
                }
                return left.isEmpty() ? null : left;
            });
        }
    }

    private static void complete(Watch watch, Workload workload) {
        try {
            watch.future.complete(workload);
        } catch (RuntimeException e) {
            watch.future.completeExceptionally(e);
        }
    }
}
