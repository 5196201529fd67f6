package io.threebot.deployer.internal.grid;

import io.threebot.deployer.grid.GridException;
import io.threebot.deployer.grid.WorkloadFailedException;
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.ResultState;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.support.PollPacing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for workloads. One poller per grid fetches the pending workloads that are due in one batch, however many
 * deployments wait at once. A workload is due at a pace that follows how long it has been waited for
 * ({@link PollPacing}): soon at first, then less often, up to the configured interval, and never past its deadline.
 */
public final class WorkloadWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkloadWatcher.class);

    /** A wait for one workload; {@code nextPoll} is when it is due next on the monotonic clock. */
    private record Watch(long workloadId, WorkloadType type, String nodeId, Predicate<Workload> done,
                         Instant deadline, String lateReason, CompletableFuture<Workload> future,
                         long startedNanos, long deadlineNanos, AtomicLong nextPoll) {
    }

    /** How long {@link #close()} waits for a poll under way to end. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private final GridClient grid;
    private final Clock clock;
    private final ScheduledExecutorService poller;
    private final Map<Long, List<Watch>> pending = new ConcurrentHashMap<>();
    private volatile long batches;
    private final PollPacing pacing;
    private final LongSupplier nanoTime;
    /** A batch also takes the workloads due within this much, and the next one comes no sooner. */
    private final long gapNanos;
    private final Object scheduling = new Object();
    /** The poll scheduled next, when it is due; null when none is (guarded by {@link #scheduling}). */
    private ScheduledFuture<?> nextPoll;
    private long nextPollAt;

    /** @param interval the longest pause between two polls of a workload (the configured poll interval) */
    public WorkloadWatcher(GridClient grid, Clock clock, Duration interval) {
        this(grid, clock, interval, System::nanoTime, Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "threebot-workload-watcher");
            t.setDaemon(true);
            return t;
        }));
    }

    /**
     * Like {@link #WorkloadWatcher(GridClient, Clock, Duration)}, with a monotonic time source and a poller of the
     * test's (one that refuses every task leaves the polls to the test, {@link #pollNow()}).
     */
    WorkloadWatcher(GridClient grid, Clock clock, Duration interval, LongSupplier nanoTime,
                    ScheduledExecutorService poller) {
        this.grid = grid;
        this.clock = clock;
        this.poller = poller;
        this.pacing = PollPacing.upTo(interval);
        this.nanoTime = nanoTime;
        this.gapNanos = pacing.first().toNanos() / 2;
    }

    /**
     * Makes sure a poll runs no later than {@code due} (monotonic nanoseconds). The poller's thread starts with the
     * first watch, so a watcher nobody uses has none.
     */
    private void pollBy(long due) {
        synchronized (scheduling) {
            if (nextPoll != null && nextPollAt - due <= 0) {
                return;
            }
            if (nextPoll != null) {
                nextPoll.cancel(false);
            }
            try {
                nextPoll = poller.schedule(this::poll, Math.max(0, due - nanoTime.getAsLong()), TimeUnit.NANOSECONDS);
                nextPollAt = due;
            } catch (RejectedExecutionException e) {
                nextPoll = null;
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
        CompletableFuture<Workload> future = new CompletableFuture<>();
        long now = nanoTime.getAsLong();
        long deadlineNanos = now + Math.max(0, timeout.toNanos());
        Watch watch = new Watch(workloadId, type, nodeId, done, clock.instant().plus(timeout), lateReason, future,
                now, deadlineNanos, new AtomicLong(now + pacing.next(Duration.ZERO, timeout).toNanos()));
        pending.compute(workloadId, (id, list) -> {
            List<Watch> watches = list == null ? new ArrayList<>() : new ArrayList<>(list);
            watches.add(watch);
            return watches;
        });
        pollBy(watch.nextPoll().get());
        return future;
    }

    /** When {@code watch} is due next, after a poll at {@code now}: paced by how long it waited, by its deadline. */
    private long dueAfter(Watch watch, long now) {
        return now + pacing.next(Duration.ofNanos(now - watch.startedNanos()),
                Duration.ofNanos(Math.max(0, watch.deadlineNanos() - now))).toNanos();
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

    /** When the next poll is due on the monotonic clock, at the earliest pending workload's pace; empty when none. */
    OptionalLong nextDue() {
        Long earliest = null;
        for (List<Watch> watches : pending.values()) {
            for (Watch watch : watches) {
                long due = watch.nextPoll().get();
                earliest = earliest == null || due - earliest < 0 ? Long.valueOf(due) : earliest;
            }
        }
        return earliest == null ? OptionalLong.empty() : OptionalLong.of(earliest);
    }

    /** A round of polling now, as the poller makes it: the due workloads, then the next round scheduled. */
    void pollNow() {
        poll();
    }

    private void poll() {
        synchronized (scheduling) {
            nextPoll = null;
        }
        try {
            pollDue();
        } catch (RuntimeException e) {
            LOG.warn("A round of polling workloads failed; the next round tries again", e);
        } finally {
            OptionalLong earliest = nextDue();
            if (earliest.isPresent()) {
                long soonest = nanoTime.getAsLong() + gapNanos;
                pollBy(earliest.getAsLong() - soonest < 0 ? soonest : earliest.getAsLong());
            }
        }
    }

    /** Polls, in one batch, the pending workloads due now (or within the gap between two batches). */
    private void pollDue() {
        long started = nanoTime.getAsLong();
        List<Long> ids = new ArrayList<>();
        pending.forEach((id, watches) -> {
            if (watches.stream().anyMatch(w -> w.nextPoll().get() - (started + gapNanos) <= 0)) {
                ids.add(id);
            }
        });
        if (ids.isEmpty()) {
            return;
        }
        Map<Long, Workload> found = new HashMap<>();
        try {
            grid.getWorkloads(ids).forEach(w -> found.put(w.id(), w));
            batches++;
        } catch (RuntimeException e) {
            LOG.warn("Polling {} workloads failed; trying again next round: {}", ids.size(), e.getMessage());
        }
        Instant now = clock.instant();
        long polled = nanoTime.getAsLong();
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
                        watch.nextPoll().set(dueAfter(watch, polled));
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
