package io.threebot.deployer.internal.chat;

import io.threebot.deployer.chat.BackNotAllowedException;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.chat.ChatSession;
import io.threebot.deployer.chat.MessageInfo;
import io.threebot.deployer.chat.SessionBusyException;
import io.threebot.deployer.chat.SessionStatus;
import io.threebot.deployer.chat.StaleAnswerException;
import io.threebot.deployer.internal.store.Leases;
import io.threebot.deployer.internal.store.OutageBackoff;
import io.threebot.deployer.spi.SecretSealer;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreUnavailableException;
import io.threebot.deployer.spi.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs chat flows. Sessions are records in the {@link StateStore}, saved after every transition; long steps run on
 * the given executor and report progress. Any number of threads may call in. The transitions of one session are
 * serialized without a lock ({@link SessionClaims}): while one runs, a second on the same session is refused at once
 * with {@link SessionBusyException}, and no session ever waits for another.
 *
 * <p>Several engines (deployer instances) may share one store. Every save is a compare-and-set, so of two answers to
 * one session given through two instances at once exactly one is taken and the other is refused as busy. A long
 * step runs under a lease on its session ({@link Leases}), renewed while it runs: only the instance that started
 * or took over the step runs it. Taking a step over writes the session, and the runner's result is a
 * compare-and-set on the session as it left it, so a runner that lost its lease cannot write its result.
 *
 * <p>A long step that meets a store outage ({@link StoreUnavailableException} anywhere in what it failed with) does
 * not fail its session: it runs again after a pause that grows with each attempt ({@link OutageBackoff}), and the
 * user sees that it waits for the database. Recording its end waits out an outage the same way. Once the outage
 * lasted the policy's total, the runner lets the step go, still busy, and releases its lease, so that a later
 * take-over ({@link #resumeInterrupted()}) runs it again. Steps are written to be resumed, so running one again is
 * safe.
 *
 * <p>Each call returns the message to show next. A refused answer returns the same question with
 * {@link ChatMessage#validationError()} set and changes nothing.
 */
public final class ChatEngine implements AutoCloseable {
    /** The store kind sessions are kept under. */
    public static final String SESSIONS = SessionRecords.KIND;
    /** The sequence of an answer that answers whatever question is asked now (no check). */
    public static final long ANY_SEQUENCE = SessionTransitions.ANY_SEQUENCE;
    private static final Logger LOG = LoggerFactory.getLogger(ChatEngine.class);

    /** The longest an awaiting client sleeps before it reads its session again, should a signal be missed. */
    private static final Duration AWAIT_POLL = Duration.ofMillis(200);

    /**
     * How many chats one owner may have open at once, and how long a session may wait for an answer (or stay
     * after it ended) before {@link #sweep()} removes it.
     */
    public record Limits(int maxOpenChatsPerOwner, Duration sessionIdleTimeout) {
        /** Checks that both limits are positive. */
        public Limits {
            if (maxOpenChatsPerOwner < 1) {
                throw new IllegalArgumentException("maxOpenChatsPerOwner must be positive");
            }
            io.threebot.deployer.support.Durations.requirePositive(sessionIdleTimeout, "sessionIdleTimeout");
        }
    }

    private final FlowCatalog flows;
    private final SessionRecords sessions;
    private final Clock clock;
    /** The sessions a transition runs on now in this engine; a second transition on one is refused at once. */
    private final SessionClaims claims = new SessionClaims();
    /** The latest progress of the steps running here, the listeners and the clients awaiting a change. */
    private final ChatUpdates updates = new ChatUpdates();
    /** The open chats, and the owners' slots a chat must take to start. */
    private final OpenChats openChats;
    private final IdleSweep idleSweep;
    /** The leases of long steps, and the sessions whose step runs in this engine. */
    private final StepRuns runs;
    /** Runs the long steps on the executor and records how they end. */
    private final StepRunner runner;
    /** Makes the transitions users ask for, each under its session's claim. */
    private final SessionTransitions transitions;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final Leases leases;
    private final boolean ownsLeases;

    /**
     * An engine that owns its executor ({@link #close()} shuts it down) and its own leases, and pauses steps through
     * store outages by {@link OutageBackoff.Policy#DEFAULT}; {@link #builder()} sets the rest.
     */
    public ChatEngine(List<FlowDefinition> flowDefinitions, StateStore store, SecretSealer sealer, Clock clock,
                      ExecutorService executor, Limits limits) {
        this(builder().flows(flowDefinitions).store(store).sealer(sealer).clock(clock).executor(executor)
                .limits(limits));
    }

    private ChatEngine(Builder b) {
        StateStore store = Objects.requireNonNull(b.store, "store");
        Limits limits = Objects.requireNonNull(b.limits, "limits");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.executor = Objects.requireNonNull(b.executor, "executor");
        this.ownsExecutor = b.ownsExecutor;
        this.leases = b.leases != null ? b.leases
                : new Leases(store, UUID.randomUUID().toString(), Duration.ofSeconds(30), Clock.systemUTC());
        this.ownsLeases = b.leases == null || b.ownsLeases;
        this.flows = new FlowCatalog(b.flows);
        this.sessions = new SessionRecords(store, Objects.requireNonNull(b.sealer, "sealer"), clock, flows);
        this.openChats = new OpenChats(sessions, store, limits, clock);
        this.idleSweep = new IdleSweep(sessions, claims, limits.sessionIdleTimeout(), clock);
        this.runs = new StepRuns(leases, sessions, claims);
        this.runner = new StepRunner(executor, Objects.requireNonNull(b.outages, "outages"), sessions, runs,
                updates);
        this.transitions = new SessionTransitions(flows, sessions, claims, runs, runner, updates);
    }

    /** A builder of an engine: the store, sealer, executor and limits must be set; the rest has defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link ChatEngine}, each part named. The executor and the leases are either the engine's own (it
     * closes them) or shared with the host (it leaves them open); without leases the engine makes its own.
     */
    public static final class Builder {
        private List<FlowDefinition> flows = List.of();
        private StateStore store;
        private SecretSealer sealer;
        private Clock clock = Clock.systemUTC();
        private ExecutorService executor;
        private boolean ownsExecutor;
        private Limits limits;
        private Leases leases;
        private boolean ownsLeases;
        private OutageBackoff.Policy outages = OutageBackoff.Policy.DEFAULT;

        private Builder() {
        }

        /** The flows the engine runs (none by default). */
        public Builder flows(List<FlowDefinition> definitions) {
            this.flows = List.copyOf(definitions);
            return this;
        }

        /** Where sessions are kept. */
        public Builder store(StateStore stateStore) {
            this.store = stateStore;
            return this;
        }

        /** Seals the secrets kept with sessions. */
        public Builder sealer(SecretSealer secretSealer) {
            this.sealer = secretSealer;
            return this;
        }

        /** The clock of sessions' times and idle timeouts (the system's UTC clock by default). */
        public Builder clock(Clock sessionClock) {
            this.clock = sessionClock;
            return this;
        }

        /** An executor of the engine's own for long steps: {@link ChatEngine#close()} shuts it down. */
        public Builder executor(ExecutorService own) {
            this.executor = own;
            this.ownsExecutor = true;
            return this;
        }

        /**
         * An executor the host shares with the engine for long steps: {@link ChatEngine#close()} only interrupts
         * the engine's own steps and leaves it running.
         */
        public Builder sharedExecutor(ExecutorService shared) {
            this.executor = shared;
            this.ownsExecutor = false;
            return this;
        }

        /** How many chats an owner may have open, and how long an idle session stays. */
        public Builder limits(Limits chatLimits) {
            this.limits = chatLimits;
            return this;
        }

        /** Leases of the engine's own for long steps: {@link ChatEngine#close()} closes them. */
        public Builder leases(Leases own) {
            this.leases = Objects.requireNonNull(own, "leases");
            this.ownsLeases = true;
            return this;
        }

        /** Leases long steps run under that the rest of the deployer instance shares: they are left open. */
        public Builder sharedLeases(Leases shared) {
            this.leases = Objects.requireNonNull(shared, "leases");
            this.ownsLeases = false;
            return this;
        }

        /**
         * How long steps pause between attempts while the store cannot be reached, and for how long they keep
         * trying before they are left for a later take-over ({@link OutageBackoff.Policy#DEFAULT} by default).
         */
        public Builder outages(OutageBackoff.Policy policy) {
            this.outages = policy;
            return this;
        }

        /** The engine. @throws NullPointerException when the store, sealer, executor or limits are not set */
        public ChatEngine build() {
            return new ChatEngine(this);
        }
    }

    /**
     * Hears every message the engine produces, progress included (for logs, event sinks, push to browsers). Listeners
     * are called from the callers' and the engine's threads, several at once, never under a session's claim; they
     * should return quickly, and one that throws is logged and passed over.
     */
    public void addListener(Consumer<ChatMessage> listener) {
        updates.addListener(listener);
    }

    /** The ids of the flows this engine runs, in order. */
    public List<String> flowIds() {
        return flows.ids();
    }

    /** Starts a session of a flow for an authenticated user and returns its first message. */
    public ChatMessage start(String owner, String flowId) {
        return start(owner, flowId, Map.of());
    }

    /**
     * Starts a session with facts its steps would otherwise ask for (the 3Bot a maintenance chat is for, say);
     * questions whose answer is known are skipped.
     */
    public ChatMessage start(String owner, String flowId, Map<String, Object> facts) {
        Objects.requireNonNull(owner, "owner");
        FlowDefinition flow = flows.named(flowId);
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        // the limit holds across instances and concurrent starts: each open chat holds one of the owner's slots
        openChats.take(owner, id, now);
        ChatSession fresh = new ChatSession(id, flowId, owner, 0, 0, SessionStatus.WAITING_FOR_ANSWER, Map.of(),
                Map.of(), Map.of(), null, now, now);
        return transitions.start(flow, fresh, facts);
    }

    /** Answers the current question, whichever it is now. */
    public ChatMessage answer(String sessionId, String owner, String value) {
        return answer(sessionId, owner, value, ANY_SEQUENCE);
    }

    /**
     * Answers the question of the message at {@code sequence}; refused, changing nothing, when the chat has moved on
     * since (a double click, a second tab, a retried request).
     *
     * @throws StaleAnswerException when {@code sequence} is not the current message's
     */
    public ChatMessage answer(String sessionId, String owner, String value, long sequence) {
        return transitions.change(sessionId, owner, sequence, (flow, session, state) -> {
            Question question = (Question) flow.slide(session.step(), session.slide());
            String answer = value == null ? "" : question.secret() ? value : value.strip();
            Optional<String> problem = AnswerCheck.problem(question, answer, state);
            SessionState trial = state.copy();
            if (problem.isEmpty()) {
                problem = question.handler().accept(answer, trial);
            }
            if (problem.isPresent()) {
                return SessionTransitions.Change.refused(ChatMessages.question(flow, sessionId, state, session.step(),
                        session.slide(), question, problem.get()));
            }
            if (question.secret()) {
                trial.putSecret(question.key(), answer);
            } else {
                trial.answers.put(question.key(), answer);
            }
            return SessionTransitions.Change.to(trial, session.step(), session.slide() + 1);
        });
    }

    /** Goes back to the previous question, as the original's Back button; refused where a step forbids it. */
    public ChatMessage back(String sessionId, String owner) {
        return back(sessionId, owner, ANY_SEQUENCE);
    }

    /**
     * Goes back from the message at {@code sequence}; refused, changing nothing, when the chat has moved on since.
     *
     * @throws StaleAnswerException when {@code sequence} is not the current message's
     */
    public ChatMessage back(String sessionId, String owner, long sequence) {
        return transitions.change(sessionId, owner, sequence, (flow, session, state) -> {
            BackTarget target = BackTarget.from(flow, state, session.step(), session.slide());
            if (!target.allowed()) {
                throw new BackNotAllowedException(target.refusal());
            }
            return SessionTransitions.Change.to(state, target.step(), target.slide());
        });
    }

    /** An open session of an owner and what it shows now (its step and title; secrets not opened). */
    public record Open(ChatSession session, MessageInfo info) {
    }

    /**
     * The owner's sessions that have not ended and are not idle past the timeout, the most recently changed first:
     * found through the store's index of owners, so other owners' sessions are not read.
     */
    public List<Open> openSessions(String owner) {
        Objects.requireNonNull(owner, "owner");
        return openChats.of(owner).stream()
                .map(session -> new Open(session, (session.status() == SessionStatus.BUSY
                        ? updates.progressOf(session)
                        : session.lastMessage()).info()))
                .toList();
    }

    /**
     * Closes a chat that waits for an answer, as its user leaves it: it ends ({@link SessionStatus#FINISHED}, its
     * secrets dropped) and no longer counts against the owner's open chats. A chat that ended already is left as it
     * is. A long step that runs is never cut short (it may have paid for something): such a chat cannot be closed.
     *
     * @throws SessionBusyException while a long step runs, or when the chat changed at the same moment elsewhere
     */
    public ChatMessage close(String sessionId, String owner) {
        SessionRecords.checkId(sessionId);
        Transition t;
        long version;
        try (SessionClaims.Claim claim = claims.claim(sessionId)) {
            Versioned<ChatSession> stored = sessions.load(sessionId, owner);
            ChatSession session = stored.value();
            if (session.status().ended()) {
                return messageOf(stored);
            }
            if (session.status() == SessionStatus.BUSY) {
                throw new SessionBusyException("chat session " + sessionId + " is busy with a long step, which is "
                        + "never cut short; it can be closed once it asks its next question");
            }
            FlowDefinition flow = flows.of(session);
            SessionState state = sessions.stateOf(session);
            t = Transitions.closed(flow, sessionId, state, session.step(), session.slide());
            try {
                version = sessions.save(stored, session, state, t);
            } catch (StaleVersionException e) {
                throw new SessionBusyException("chat session " + sessionId + " changed at the same moment "
                        + "elsewhere; ask for the current message to see where it stands");
            }
            updates.recorded(sessionId, t, version);
        }
        ChatMessage closed = t.message().withSequence(version);
        updates.tell(closed);
        return closed;
    }

    /** The message to show now: the question waiting, the latest progress of a long step, or the end. */
    public ChatMessage current(String sessionId, String owner) {
        SessionRecords.checkId(sessionId);
        return messageOf(sessions.load(sessionId, owner));
    }

    /** The session's status as stored. @throws UnknownSessionException when the owner has no such session */
    public SessionStatus status(String sessionId, String owner) {
        SessionRecords.checkId(sessionId);
        return sessions.load(sessionId, owner).value().status();
    }

    /**
     * Waits while a long step runs, up to {@code timeout}, and returns the message to show then. The store is read
     * outside any lock or claim, and the wait holds none, so many waiting clients do not hold each other up. It is
     * read again only when the session may have changed: while its step runs here at the version read, only the
     * step's progress changes (kept here, not stored), so the session is read again once the step recorded its end
     * here, or let its run go; a step that runs on another instance is looked up every {@code AWAIT_POLL}.
     */
    public ChatMessage awaitNext(String sessionId, String owner, Duration timeout) throws InterruptedException {
        SessionRecords.checkId(sessionId);
        long deadline = System.nanoTime() + timeout.toNanos();
        Versioned<ChatSession> stored = null;
        while (true) {
            ChangeSignals.Signal change = updates.nextChange(sessionId);
            if (stored == null || !stepRunsHereAt(stored)) {
                stored = sessions.load(sessionId, owner);
            }
            long left = deadline - System.nanoTime();
            if (stored.value().status() != SessionStatus.BUSY || left <= 0) {
                return messageOf(stored);
            }
            change.await(Duration.ofNanos(Math.min(left, AWAIT_POLL.toNanos())));
        }
    }

    /**
     * Whether the busy session's step runs here and started at the version read: then nothing but its progress
     * changed since (the step records its end here, which ends this, or lets its run go, which ends this too).
     */
    private boolean stepRunsHereAt(Versioned<ChatSession> stored) {
        String id = stored.value().id();
        return stored.value().status() == SessionStatus.BUSY && runs.runsHere(id)
                && updates.stepStartedAt(id, stored.version());
    }

    /** The message to show for the session as stored, at its version's sequence. */
    private ChatMessage messageOf(Versioned<ChatSession> stored) {
        ChatSession session = stored.value();
        ChatMessage message = session.status() == SessionStatus.BUSY
                ? updates.progressOf(session)
                : sessions.lastShown(session);
        return message.withSequence(stored.version());
    }

    /**
     * Starts again every long step that was running when its deployer stopped: at start for a store of this process
     * alone, and, on a store instances share, whenever the lease of the instance that ran it ran out (call this
     * again from time to time). Steps are written to be resumed (deployments are journaled), so nothing is done
     * twice. Returns how many sessions were resumed.
     */
    public int resumeInterrupted() {
        if (runner.closed()) {
            return 0;
        }
        int resumed = 0;
        for (Versioned<ChatSession> stored : sessions.withStatus(SessionStatus.BUSY)) {
            ChatSession session = stored.value();
            FlowDefinition flow = flows.find(session.flowId()).orElse(null);
            if (session.status() != SessionStatus.BUSY || flow == null || runs.runsHere(session.id())
                    || !(flow.slide(session.step(), session.slide()) instanceof Action action)) {
                continue;
            }
            Optional<SavedSession> claimed = runs.takeOver(stored);
            if (claimed.isEmpty()) {
                continue;
            }
            LOG.info("Resuming session {} at step '{}'", session.id(), flow.steps().get(session.step()).title());
            Transition resume = new Transition(session.step(), session.slide(), SessionStatus.BUSY,
                    session.lastMessage(), action);
            updates.recorded(session.id(), resume, claimed.get().version());
            runner.launch(session.id(), flow, resume, claimed.get().version(), claimed.get().run());
            resumed++;
        }
        return resumed;
    }

    /**
     * Removes the sessions that ended or waited for an answer longer than the idle timeout; a session running a
     * long step is never removed. Returns how many were removed. Only the sessions that are not busy are read,
     * found by their status through the store's index, so the cost follows what there is to sweep.
     */
    public int sweep() {
        return idleSweep.sweep();
    }

    /**
     * How many sessions, of all owners, have not ended and are not idle past the timeout: read from the busy and
     * the waiting sessions alone, never from those that ended.
     */
    public long openSessions() {
        return openChats.count();
    }

    /** How many long steps wait for their next run without a thread. */
    public int pausedSteps() {
        return runner.pausedSteps();
    }

    /**
     * Interrupts the long steps this engine runs and lets those that wait for their next run go (they resume when a
     * deployer on the same store starts) and, when the engine owns its executor, shuts it down; a host's own executor
     * is left running.
     */
    @Override
    public void close() {
        runner.close();
        if (ownsExecutor) {
            executor.shutdownNow();
        }
        if (ownsLeases) {
            leases.close();
        }
    }
}
