package io.threebot.deployer.internal.chat;

import io.threebot.deployer.chat.ChatSession;
import io.threebot.deployer.chat.SessionBusyException;
import io.threebot.deployer.internal.store.Leases;
import io.threebot.deployer.spi.Versioned;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The leases long steps run under, one per session, and the sessions whose step runs (or is about to) in this
 * engine. Only the holder of a session's lease runs its step; a session enters when the transition that starts its
 * step is saved (under the session's claim) or when its step is taken over, and leaves when its runner releases the
 * lease.
 */
final class StepRuns {
    private final Leases leases;
    private final SessionRecords sessions;
    private final SessionClaims claims;
    private final Map<String, StepRun> here = new ConcurrentHashMap<>();

    StepRuns(Leases leases, SessionRecords sessions, SessionClaims claims) {
        this.leases = leases;
        this.sessions = sessions;
        this.claims = claims;
    }

    /** What a transition is refused with when another deployer instance runs the session's step. */
    static SessionBusyException busyElsewhere(String sessionId) {
        return new SessionBusyException("chat session " + sessionId + " is busy with a long step on another "
                + "deployer instance");
    }

    /**
     * The lease for a long step that starts now, from a session that waits for an answer; empty when another run
     * holds it. Another run may hold it for a moment only: this engine's runner of the previous step lets it go
     * right after it saved the question, and another instance that saw the session busy a moment ago took it to
     * resume a step and lets go as soon as it finds the session moved on. So a change asks for it again a few times
     * before it is refused as busy.
     */
    Optional<StepRun> tryLease(String sessionId) {
        StepRun run = new StepRun();
        Optional<Leases.Held> lease = leases.tryAcquire(leaseName(sessionId), run::leaseLost);
        lease.ifPresent(run::attach);
        return lease.map(held -> run);
    }

    /**
     * Takes a busy session over: its lease (free, run out, or left on a store of this process alone), then a write
     * of the session itself, which fences off the runner that had it. Empty when it runs here already, a transition
     * of it runs now, it moved on since it was listed, or another instance runs it.
     *
     * <p>Whether it runs here or moved on is looked at before its claim is taken too: a listing of busy sessions is
     * often a moment old, and a step that ended here meanwhile has a user answering its question at once, whose
     * answer would be refused as busy while this held the claim.
     */
    Optional<SavedSession> takeOver(Versioned<ChatSession> stored) {
        ChatSession session = stored.value();
        if (runsHere(session.id()) || movedOn(stored)) {
            return Optional.empty();
        }
        Optional<SessionClaims.Claim> claim = claims.tryClaim(session.id());
        if (claim.isEmpty()) {
            return Optional.empty(); // a transition of it runs now; a later round looks again
        }
        try (SessionClaims.Claim held = claim.get()) {
            if (runsHere(session.id()) || movedOn(stored)) {
                return Optional.empty(); // running here, or it moved on since it was listed
            }
            Optional<StepRun> run = tryLease(session.id());
            if (run.isEmpty()) {
                return Optional.empty();
            }
            try {
                long version = sessions.touch(stored);
                here.put(session.id(), run.get());
                return Optional.of(new SavedSession(version, run.get()));
            } catch (RuntimeException e) {
                run.get().lease().close();
                return Optional.empty();
            }
        }
    }

    /** Whether the session is no longer stored at the version listed. */
    private boolean movedOn(Versioned<ChatSession> listed) {
        return sessions.get(listed.id()).map(Versioned::version).filter(v -> v == listed.version()).isEmpty();
    }

    /** The session's step runs here from now on, under {@code run}'s lease. */
    void enter(String sessionId, StepRun run) {
        here.put(sessionId, run);
    }

    /** Whether the session's step runs (or is about to) in this engine. */
    boolean runsHere(String sessionId) {
        return here.containsKey(sessionId);
    }

    /** The run is over here: the session leaves (if it is still this run's) and the lease is let go. */
    void release(String sessionId, StepRun run) {
        here.remove(sessionId, run);
        run.lease().close();
    }

    private static String leaseName(String sessionId) {
        return "session-" + sessionId;
    }
}
