package io.threebot.deployer.internal.chat;

import io.threebot.deployer.chat.ChatSession;
import io.threebot.deployer.chat.SessionStatus;
import io.threebot.deployer.spi.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the sessions that ended or waited for an answer longer than the idle timeout. A session running a long
 * step is never removed, nor one a transition works on now, nor one that changed since it was read.
 */
final class IdleSweep {
    private static final Logger LOG = LoggerFactory.getLogger(IdleSweep.class);
    /** The statuses swept: every one but BUSY. */
    private static final List<SessionStatus> SWEPT = List.of(SessionStatus.FINISHED, SessionStatus.FAILED,
            SessionStatus.WAITING_FOR_ANSWER);

    private final SessionRecords sessions;
    private final SessionClaims claims;
    private final Duration idleTimeout;
    private final Clock clock;

    IdleSweep(SessionRecords sessions, SessionClaims claims, Duration idleTimeout, Clock clock) {
        this.sessions = sessions;
        this.claims = claims;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    /**
     * Removes what there is to sweep and returns how many sessions were removed. Only the sessions that are not busy
     * are read, found by their status through the store's index, so the cost follows what there is to sweep.
     */
    int sweep() {
        Instant cutoff = clock.instant().minus(idleTimeout);
        int removed = 0;
        for (SessionStatus status : SWEPT) {
            for (Versioned<ChatSession> stored : sessions.withStatus(status)) {
                ChatSession session = stored.value();
                if (session.status() != SessionStatus.BUSY && session.updatedAt().isBefore(cutoff)) {
                    removed += remove(stored) ? 1 : 0;
                }
            }
        }
        if (removed > 0) {
            LOG.info("Removed {} chat sessions that ended or waited longer than {}", removed, idleTimeout);
        }
        return removed;
    }

    /** Deletes a swept session unless it changed since it was read (the user answered meanwhile: it stays). */
    private boolean remove(Versioned<ChatSession> stored) {
        Optional<SessionClaims.Claim> claim = claims.tryClaim(stored.id());
        if (claim.isEmpty()) {
            return false; // the user acts on it now: it stays, and a later sweep looks again
        }
        try (SessionClaims.Claim held = claim.get()) {
            return sessions.deleteUnlessChanged(stored);
        }
    }
}
