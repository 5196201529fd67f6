package io.threebot.deployer.internal.chat;

import io.threebot.deployer.chat.ChatSession;
import io.threebot.deployer.errors.StopFlowException;
import io.threebot.deployer.internal.store.FenceScope;
import io.threebot.deployer.internal.store.OutageBackoff;
import io.threebot.deployer.internal.support.ResumeLater;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StoreUnavailableException;
import io.threebot.deployer.spi.Versioned;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs long steps on the executor, each under its session's lease, and records how they end: the next position of
 * the flow (which may start the next step under the same lease), or the failure the user is shown. Everything a step
 * writes is fenced by its lease ({@link FenceScope}).
 *
 * <p>A step that meets a store outage runs again from the stored session after a pause ({@link OutageWait}); once
 * the outage outlasted the policy, it is let go, still busy, and its lease released, for a later take-over. A step
 * stops (and its result is dropped) when the runner closes, its thread is interrupted, its lease is lost, or its
 * session moved on elsewhere. It holds no lock and no session claim while it runs or waits.
 *
 * <p>A step that waits for something it can only poll ends its run with {@link ResumeLater}: it runs again after the
 * pause, under the same lease (still renewed), and no thread is held meanwhile. A step paused when the runner closes
 * lets its lease go, to resume on a later take-over.
 */
final class StepRunner {
    private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);

    private final ExecutorService executor;
    private final OutageBackoff.Policy outages;
    private final SessionRecords sessions;
    private final StepRuns runs;
    private final ChatUpdates updates;
    private final Set<Future<?>> running = ConcurrentHashMap.newKeySet();
    /** The runs paused until their next run ({@link ResumeLater}); whoever removes one resumes or releases it. */
    private final Set<Job> paused = ConcurrentHashMap.newKeySet();
    /** Hands paused runs back to the executor when their pause is over; its thread starts with the first pause. */
    private final ScheduledExecutorService resumer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "threebot-step-resume");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;
    /** How long a paused step's next run waits when the executor refused it. */
    private static final java.time.Duration REFUSED_RESUME_PAUSE = java.time.Duration.ofSeconds(1);
    /** How long a paused step's lease waits at close for the work it left going on beside it. */
    private static final java.time.Duration SETTLE_LIMIT = java.time.Duration.ofSeconds(10);

    StepRunner(ExecutorService executor, OutageBackoff.Policy outages, SessionRecords sessions, StepRuns runs,
               ChatUpdates updates) {
        this.executor = executor;
        this.outages = outages;
        this.sessions = sessions;
        this.runs = runs;
        this.updates = updates;
    }

    /**
     * After the session's claim is let go: tells the listeners, then starts the long step if there is one, under
     * its lease; {@code version} is the session's version as the transition saved it. A step refused by a closing
     * executor lets its lease go (it resumes on a later take-over).
     *
     * @param run the run of the step the transition starts, its lease taken; null when it starts none
     */
    void launch(String sessionId, FlowDefinition flow, Transition t, long version, StepRun run) {
        updates.tell(t.message().withSequence(version));
        if (!t.startsStep()) {
            return;
        }
        submit(new Job(sessionId, flow, t, version, run));
    }

    /**
     * Runs the job on the executor. One refused by a closing runner, or cancelled by it before it ran, lets its lease
     * go; a paused step's next run that a busy executor refuses is tried again after {@link #REFUSED_RESUME_PAUSE}.
     */
    private void submit(Job job) {
        AtomicBoolean ran = new AtomicBoolean();
        try {
            if (closed) {
                throw new RejectedExecutionException("closed");
            }
            FutureTask<Void> task = new FutureTask<>(() -> {
                ran.set(true);
                try {
                    job.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("Session {} could not record the end of step '{}'; it runs again when the store "
                            + "works", job.sessionId, job.action.key(), e);
                }
            }, null) {
                @Override
                protected void done() {
                    running.remove(this);
                    if (isCancelled() && !ran.get()) {
                        release(job); // cancelled in the queue by close(): never ran
                    }
                }
            };
            running.add(task);
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            if (!closed && job.note != null && pause(job, new ResumeLater(REFUSED_RESUME_PAUSE, job.note))) {
                LOG.warn("Session {}: the executor refused the next run of step '{}'; it is tried again in {}",
                        job.sessionId, job.action.key(), REFUSED_RESUME_PAUSE);
                return;
            }
            release(job);
            LOG.warn("Session {} could not start step '{}': the deployer is shutting down", job.sessionId,
                    job.action.key());
        }
    }

    /**
     * Runs the job again once its pause is over or what it waits for completed; false when the runner is closing
     * (its lease is for the caller to let go).
     */
    private boolean pause(Job job, ResumeLater later) {
        if (closed) {
            return false;
        }
        paused.add(job);
        Runnable resume = () -> {
            if (paused.remove(job)) {
                submit(job);
            }
        };
        // a lease lost meanwhile ends the pause at once: the next run finds it gone and lets the step go
        job.run.onLeaseLost(resume);
        try {
            if (later.wake().isPresent()) {
                // handed over on the runner's own thread, never run inside whatever completes the future
                later.wake().get().whenCompleteAsync((value, failure) -> resume.run(), resumer);
            } else {
                resumer.schedule(resume, later.pause().orElseThrow().toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException e) {
            return !paused.remove(job); // closed meanwhile: whoever removed it lets the lease go
        }
        if (closed && paused.remove(job)) {
            return false; // closed while it was being paused, and close() did not see it
        }
        return true;
    }

    /**
     * Lets the job's lease go, once the work its last run left going on beside it ({@link ResumeLater#settling})
     * ended, within {@link #SETTLE_LIMIT}, so that the work journals what it sent before another deployer may take
     * the step over; at once when there is none.
     */
    private void release(Job job) {
        CompletableFuture<?> settling = job.settling;
        if (settling == null || settling.isDone()) {
            runs.release(job.sessionId, job.run);
            return;
        }
        settling.handle((value, failure) -> null)
                .completeOnTimeout(null, SETTLE_LIMIT.toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((value, failure) -> runs.release(job.sessionId, job.run));
    }

    /** Whether {@link #close()} was called: no step starts any more. */
    boolean closed() {
        return closed;
    }

    /** Starts no more steps and interrupts those that run (they resume when a deployer takes them over). */
    void close() {
        closed = true;
        resumer.shutdownNow();
        for (Job job : paused) {
            if (paused.remove(job)) {
                release(job);
            }
        }
        for (Future<?> task : running) {
            task.cancel(true);
        }
    }

    /** How many steps wait for their next run without a thread ({@link ResumeLater}). */
    int pausedSteps() {
        return paused.size();
    }

    /** What the user is told of a step that failed; an unexpected failure is logged under a reference. */
    private static String failureText(FlowDefinition flow, String sessionId, int step, Action action,
                                      Throwable failure) {
        if (failure instanceof StopFlowException stop) {
            LOG.info("Session {} stopped at '{}': {}", sessionId, action.key(), stop.getMessage());
            return stop.getMessage();
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("Step '{}' of session {} failed (reference {})", action.key(), sessionId, reference, failure);
        return "Something went wrong during '" + flow.steps().get(step).title()
                + "'. Please contact support and give them this reference: " + reference;
    }

    /**
     * What a run of a step's body left: the session as the run read it, its state as the step changed it, and what
     * it failed with, if it did.
     */
    private record Ran(Versioned<ChatSession> read, SessionState state, Throwable failure, ResumeLater resume) {
    }

    /** What becomes of a run's lease once the run ended. */
    private enum Next {
        /** Let go: the step ended, or stopped. */
        RELEASE,
        /** Kept by the next step, launched under it. */
        HANDED_ON,
        /** Kept while the step is paused until its next run. */
        PAUSE
    }

    /** One run of one step: the transition that started it, at the session's version it saved. */
    private final class Job {
        private final String sessionId;
        private final FlowDefinition flow;
        private final Transition at;
        private final Action action;
        private final long version;
        private final StepRun run;
        /** What the last run left for the next when it paused ({@link ResumeLater}); null before the first pause. */
        private Object note;
        /** The session and state the last run paused with, for the next run to go on from; null when it ran on. */
        private Ran pausedAt;
        /** The work the last run that paused left going on beside it ({@link ResumeLater#settling}); null if none. */
        private volatile CompletableFuture<?> settling;

        Job(String sessionId, FlowDefinition flow, Transition at, long version, StepRun run) {
            this.sessionId = sessionId;
            this.flow = flow;
            this.at = at;
            this.action = at.action();
            this.version = version;
            this.run = run;
        }

        void run() {
            run.bind(Thread.currentThread());
            Next next = Next.RELEASE;
            ResumeLater resume = null;
            // everything the step writes is fenced by its lease, and every side effect checks the lease first
            try (FenceScope scope = FenceScope.enter(run.lease())) {
                Optional<Ran> ran = runThroughOutages(reporter());
                if (ran.isPresent() && ran.get().resume != null) {
                    next = Next.PAUSE;
                    resume = ran.get().resume;
                } else if (ran.isPresent()) {
                    next = recordThroughOutages(ran.get()) ? Next.HANDED_ON : Next.RELEASE;
                }
            } finally {
                run.bind(null);
                if (next == Next.RELEASE) {
                    release(this);
                }
            }
            // paused only once this thread let the run go, since the next run may start at once on another thread
            if (next == Next.PAUSE && !pause(this, resume)) {
                release(this);
            }
        }

        private Progress reporter() {
            return text -> updates.progressed(sessionId,
                    ChatMessages.progress(flow, sessionId, at.step(), at.slide(), text).withSequence(version));
        }

        /** Records the end of the step; true when the next step was launched under the same lease. */
        private boolean recordThroughOutages(Ran ran) {
            Progress reporter = reporter();
            String failureText = ran.failure == null ? null
                    : failureText(flow, sessionId, at.step(), action, ran.failure);
            OutageWait wait = outageWait(reporter);
            while (true) {
                try {
                    return recordEnd(ran.read, ran.state, failureText);
                } catch (RuntimeException e) {
                    // the store, or a message that reads it, could not be reached: nothing was recorded
                    StoreUnavailableException outage = StoreUnavailableException.findIn(e).orElseThrow(() -> e);
                    if (!wait.pause(outage)) {
                        return false;
                    }
                }
            }
        }

        /**
         * Runs the step's body, from the session as stored, until it ends other than by a store outage; after an
         * outage it runs again from the stored session once the pause is over. Empty when the run stopped:
         * interrupted, its lease lost, the session moved on elsewhere, or the outage outlasted the policy.
         */
        private Optional<Ran> runThroughOutages(Progress reporter) {
            OutageWait wait = outageWait(reporter);
            while (true) {
                if (stopped()) {
                    return Optional.empty(); // its lease was lost while it was paused, say
                }
                Versioned<ChatSession> before;
                SessionState state;
                if (pausedAt != null) {
                    // the session as the paused run had it: under the lease, held all along, nobody else moved it
                    // on, and the end is saved as a compare-and-set on it all the same
                    before = pausedAt.read;
                    state = pausedAt.state;
                    pausedAt = null;
                } else {
                    try {
                        before = sessions.get(sessionId).orElseThrow();
                    } catch (StoreUnavailableException e) {
                        if (!wait.pause(e)) {
                            return Optional.empty();
                        }
                        continue;
                    }
                    if (before.version() != version) {
                        LOG.warn("Session {} was taken over or moved on before step '{}' ran here; it does not run",
                                sessionId, action.key());
                        return Optional.empty();
                    }
                    state = sessions.stateOf(before.value());
                }
                Throwable failure = null;
                try {
                    ResumeLater.runWith(note, () -> action.body().run(state, reporter));
                } catch (ResumeLater later) {
                    note = later.note();
                    settling = later.settling().orElse(null);
                    if (stopped()) {
                        return Optional.empty();
                    }
                    pausedAt = new Ran(before, state, null, later);
                    return Optional.of(pausedAt);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    LOG.info("Step '{}' of session {} was interrupted; it resumes when a deployer takes it over",
                            action.key(), sessionId);
                    return Optional.empty();
                } catch (Throwable e) {
                    failure = e;
                }
                if (stopped()) {
                    return Optional.empty();
                }
                Optional<StoreUnavailableException> outage = failure == null ? Optional.empty()
                        : StoreUnavailableException.findIn(failure);
                if (outage.isEmpty()) {
                    return Optional.of(new Ran(before, state, failure, null));
                }
                // the step starts over from the stored session, as after any failure it did not record
                note = null;
                if (!wait.pause(outage.get())) {
                    return Optional.empty();
                }
            }
        }

        /**
         * Saves the end of the step (the next position, or the failure) unless the session moved on elsewhere
         * meanwhile, then launches what comes next; true when the next step was launched under the same lease.
         *
         * <p>It takes no claim: while the step runs its session is busy, so no transition a user asks for changes
         * it, and the save is a compare-and-set on the session as the step read it when it began (at the version
         * this run was launched at), fenced by the step's lease: it is not read again, as a session that moved on
         * meanwhile fails the compare-and-set. A user's answer that reads the question saved here before the lease
         * is let go waits for the lease without a claim.
         *
         * @param stored the session as this run read it when it began
         * @throws StoreUnavailableException when the store cannot be reached; nothing was recorded
         */
        private boolean recordEnd(Versioned<ChatSession> stored, SessionState state, String failureText) {
            ChatSession session = stored.value();
            Transition t = failureText == null
                    ? Transitions.advance(flow, sessionId, state, at.step(), at.slide() + 1)
                    : Transitions.failed(flow, sessionId, state, at.step(), at.slide(), failureText);
            long saved;
            try {
                saved = sessions.save(stored, session, state, t);
            } catch (StaleVersionException e) {
                LOG.warn("Session {} was taken over or moved on while step '{}' ran here; this result is dropped",
                        sessionId, action.key());
                return false;
            }
            if (!t.startsStep()) {
                // released before awaiting clients are told of the question, so their answer finds it free
                runs.release(sessionId, run);
            }
            updates.recorded(sessionId, t, saved);
            if (!t.startsStep()) {
                launch(sessionId, flow, t, saved, null);
                return false;
            }
            launch(sessionId, flow, t, saved, run);
            return true;
        }

        private OutageWait outageWait(Progress reporter) {
            return new OutageWait(outages, reporter, this::stopped,
                    "Step '" + action.key() + "' of session " + sessionId);
        }

        /** Whether the run must end here: the runner closes, its thread was interrupted, or its lease was lost. */
        private boolean stopped() {
            return closed || Thread.currentThread().isInterrupted() || run.leaseGone();
        }
    }
}
