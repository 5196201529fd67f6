package io.threebot.deployer.internal.chat;

import io.threebot.deployer.chat.SessionBusyException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serializes the transitions of each chat session within one engine without a lock: a transition first claims its
 * session, and a second one on the same session while the first runs is refused at once instead of waiting for it.
 * Nobody ever waits for a claim, so a transition may do I/O while it holds one; sessions never hold each other up.
 * Across deployer instances the store's compare-and-set and the step leases do the same job.
 */
final class SessionClaims {
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    /** A session claimed until {@link #close()}. */
    final class Claim implements AutoCloseable {
        private final String sessionId;
        private boolean released;

        private Claim(String sessionId) {
            this.sessionId = sessionId;
        }

        /** Lets the session go; a second call does nothing. */
        @Override
        public void close() {
            if (!released) {
                released = true;
                held.remove(sessionId);
            }
        }
    }

    /**
     * Claims a session for a transition a user asked for.
     *
     * @throws SessionBusyException when another transition of the session runs now
     */
    Claim claim(String sessionId) {
        return tryClaim(sessionId).orElseThrow(() -> new SessionBusyException("chat session " + sessionId
                + " is handling another request right now; nothing was changed. Ask for the current message to see "
                + "where it stands."));
    }

    /** Claims a session for the engine's own housekeeping; empty when a transition of it runs now. */
    Optional<Claim> tryClaim(String sessionId) {
        return held.add(sessionId) ? Optional.of(new Claim(sessionId)) : Optional.empty();
    }
}
