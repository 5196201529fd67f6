package io.threebot.deployer.internal.chat;

import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.chat.ChatSession;
import io.threebot.deployer.chat.SessionBusyException;
import io.threebot.deployer.chat.SessionFinishedException;
import io.threebot.deployer.chat.SessionStatus;
import io.threebot.deployer.chat.StaleAnswerException;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.Versioned;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the transitions users ask for: each under its session's claim ({@link SessionClaims}), from the session as
 * read, saved compare-and-set, with the lease of the long step it starts taken before it is saved. The step is
 * launched, and the listeners told, only once the claim is let go; a lease held elsewhere for a moment is waited
 * for without the claim.
 */
final class SessionTransitions {
    /** The sequence of an answer that answers whatever question is asked now (no check). */
    static final long ANY_SEQUENCE = -1;
    private static final int LEASE_ATTEMPTS = 10;
    private static final long LEASE_RETRY_MILLIS = 25;

    private final FlowCatalog flows;
    private final SessionRecords sessions;
    private final SessionClaims claims;
    private final StepRuns runs;
    private final StepRunner runner;
    private final ChatUpdates updates;

    SessionTransitions(FlowCatalog flows, SessionRecords sessions, SessionClaims claims, StepRuns runs,
                       StepRunner runner, ChatUpdates updates) {
        this.flows = flows;
        this.sessions = sessions;
        this.claims = claims;
        this.runs = runs;
        this.runner = runner;
        this.updates = updates;
    }

    /** Where a change to a waiting session leads: a new position, or a reply that changes nothing. */
    record Change(SessionState state, int step, int slide, ChatMessage refusal) {
        /** The session moves to {@code step}/{@code slide} with {@code state}. */
        static Change to(SessionState state, int step, int slide) {
            return new Change(state, step, slide, null);
        }

        /** Nothing changes; the user is shown {@code reply}. */
        static Change refused(ChatMessage reply) {
            return new Change(null, 0, 0, reply);
        }
    }

    /** A change a user asks for, made from the session as read and its flow. */
    @FunctionalInterface
    interface SessionChange {
        /** Where the change leads. */
        Change apply(FlowDefinition flow, ChatSession session, SessionState state);
    }

    /**
     * Starts a session not yet stored, with the facts given, and returns its first message; the owner's slot for it
     * is taken already.
     */
    ChatMessage start(FlowDefinition flow, ChatSession fresh, Map<String, Object> facts) {
        String id = fresh.id();
        Transition t;
        SavedSession saved;
        try (SessionClaims.Claim claim = claims.claim(id)) {
            SessionState state = sessions.stateOf(fresh);
            facts.forEach(state::put);
            t = Transitions.advance(flow, id, state, 0, 0);
            // a new session's lease is free: nobody knows its id yet
            StepRun run = t.startsStep() ? runs.tryLease(id).orElseThrow(() -> StepRuns.busyElsewhere(id)) : null;
            saved = saveTransition(null, fresh, state, t, run);
        }
        runner.launch(id, flow, t, saved.version(), saved.run());
        return t.message().withSequence(saved.version());
    }

    /**
     * Applies a change to a session waiting for an answer, under the session's claim; saves and moves on unless
     * refused. When the change starts a long step whose lease another run holds for a moment (this engine's runner
     * of the previous step letting it go, or another instance that saw the session busy a moment ago), the claim
     * is let go, and the change tried again after a pause, a few times, from the session as it was first read.
     *
     * @throws SessionBusyException when another transition of the session runs now, here or elsewhere
     */
    ChatMessage change(String sessionId, String owner, long sequence, SessionChange change) {
        SessionRecords.checkId(sessionId);
        long expected = sequence;
        for (int attempt = 1; ; attempt++) {
            Attempt a;
            try (SessionClaims.Claim claim = claims.claim(sessionId)) {
                a = attemptChange(sessionId, owner, expected, change);
            }
            if (a.reply != null) {
                return a.reply;
            }
            if (a.saved != null) {
                runner.launch(sessionId, a.flow, a.transition, a.saved.version(), a.saved.run());
                return a.transition.message().withSequence(a.saved.version());
            }
            if (attempt == LEASE_ATTEMPTS) {
                throw StepRuns.busyElsewhere(sessionId);
            }
            // a retry answers the question first read, never one asked since
            expected = a.seenVersion;
            pauseBeforeLeaseRetry(sessionId);
        }
    }

    /**
     * One attempt of a change: a reply that changes nothing, the transition saved, or neither when the lease of the
     * long step it starts is held elsewhere for now ({@code seenVersion} is the version the change was made from).
     */
    private record Attempt(ChatMessage reply, FlowDefinition flow, Transition transition, SavedSession saved,
                           long seenVersion) {
    }

    private Attempt attemptChange(String sessionId, String owner, long sequence, SessionChange change) {
        Versioned<ChatSession> stored = sessions.load(sessionId, owner);
        ChatSession session = stored.value();
        requireWaiting(session);
        if (sequence != ANY_SEQUENCE && sequence != stored.version()) {
            throw new StaleAnswerException("That answer was for an earlier question of chat session " + sessionId
                    + ", which has moved on; nothing was changed. Ask for the current message to see where it "
                    + "stands.");
        }
        FlowDefinition flow = flows.of(session);
        Change c = change.apply(flow, session, sessions.stateOf(session));
        if (c.refusal != null) {
            return new Attempt(c.refusal.withSequence(stored.version()), flow, null, null, stored.version());
        }
        Transition t = Transitions.advance(flow, sessionId, c.state, c.step, c.slide);
        StepRun run = null;
        if (t.startsStep()) {
            Optional<StepRun> lease = runs.tryLease(sessionId);
            if (lease.isEmpty()) {
                return new Attempt(null, flow, t, null, stored.version());
            }
            run = lease.get();
        }
        return new Attempt(null, flow, t, saveTransition(stored, session, c.state, t, run), stored.version());
    }

    /**
     * Under the session's claim: saves the session (compare-and-set; an answer taken elsewhere first makes this one
     * busy) and records the change.
     *
     * @param run the run of the long step the transition starts, its lease taken; null when it starts none
     */
    private SavedSession saveTransition(Versioned<ChatSession> stored, ChatSession session, SessionState state,
                                        Transition t, StepRun run) {
        String id = session.id();
        long version;
        try {
            version = sessions.save(stored, session, state, t);
        } catch (StaleVersionException e) {
            if (run != null) {
                run.lease().close();
            }
            throw new SessionBusyException("chat session " + id + " was answered at the same moment "
                    + "elsewhere, and that answer was taken; ask for the current message to see where it stands");
        }
        if (run != null) {
            runs.enter(id, run);
        }
        updates.recorded(id, t, version);
        return new SavedSession(version, run);
    }

    /** Pauses a change whose lease is held elsewhere for now; it holds no claim while it pauses. */
    private static void pauseBeforeLeaseRetry(String sessionId) {
        try {
            Thread.sleep(LEASE_RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StepRuns.busyElsewhere(sessionId);
        }
    }

    private static void requireWaiting(ChatSession session) {
        if (session.status().ended()) {
            throw new SessionFinishedException("chat session " + session.id() + " has ended ("
                    + session.status().name().toLowerCase(Locale.ROOT) + "); start a new one");
        }
        if (session.status() == SessionStatus.BUSY) {
            throw new SessionBusyException("chat session " + session.id() + " is busy with a long step; "
                    + "wait until it asks the next question");
        }
    }
}
