package io.threebot.deployer.internal.chat;

import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.chat.ChatSession;
import io.threebot.deployer.chat.SessionStatus;
import io.threebot.deployer.chat.UnknownSessionException;
import io.threebot.deployer.internal.store.Records;
import io.threebot.deployer.spi.SecretSealer;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Chat sessions as records in the {@link StateStore}, under {@link #KIND}: read (by id, owner or status), saved as a
 * transition leaves them, touched when a step is taken over, and deleted. Every write is a compare-and-set on the
 * version read, so of two writers of one session exactly one wins ({@link StaleVersionException} for the other). The
 * kwargs of a question that carry secrets are sealed at rest and opened when read back ({@link SealedMessages}).
 */
final class SessionRecords {
    /** The store kind sessions are kept under. */
    static final String KIND = "chat-sessions";
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final StateStore store;
    private final SecretSealer sealer;
    private final Clock clock;
    private final FlowCatalog flows;

    SessionRecords(StateStore store, SecretSealer sealer, Clock clock, FlowCatalog flows) {
        this.store = store;
        this.sealer = sealer;
        this.clock = clock;
        this.flows = flows;
    }

    /** Refuses an id no session can have, as an unknown session. @throws UnknownSessionException for such an id */
    static String checkId(String sessionId) {
        if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
            throw new UnknownSessionException("no chat session " + sessionId);
        }
        return sessionId;
    }

    /**
     * The owner's session. @throws UnknownSessionException when there is none, or it is another owner's (which
     * answers exactly as an unknown one, so session ids reveal nothing)
     */
    Versioned<ChatSession> load(String sessionId, String owner) {
        return get(sessionId).filter(v -> v.value().owner().equals(owner))
                .orElseThrow(() -> new UnknownSessionException("no chat session " + sessionId));
    }

    /** The session as stored, whoever owns it. */
    Optional<Versioned<ChatSession>> get(String sessionId) {
        return store.get(KIND, sessionId, ChatSession.class);
    }

    /** The sessions of an owner, found through the store's index of owners. */
    List<Versioned<ChatSession>> ofOwner(String owner) {
        return store.find(KIND, "owner", owner, ChatSession.class);
    }

    /** The sessions of a status, found through the store's index of statuses. */
    List<Versioned<ChatSession>> withStatus(SessionStatus status) {
        return store.find(KIND, "status", status.name(), ChatSession.class);
    }

    /** The session's answers and facts, to read and change. */
    SessionState stateOf(ChatSession session) {
        return new SessionState(session, sealer);
    }

    /** The message the session was saved with, its sealed kwargs opened. */
    ChatMessage lastShown(ChatSession session) {
        return SealedMessages.open(session.lastMessage(), sealer);
    }

    /**
     * Saves the session as the transition leaves it (compare-and-set) and returns its new version.
     *
     * @param stored the session as read; null for a new one
     * @throws StaleVersionException when it changed since it was read
     */
    long save(Versioned<ChatSession> stored, ChatSession before, SessionState state, Transition t) {
        ChatMessage atRest = t.message();
        Optional<FlowDefinition> flow = flows.find(before.flowId());
        if (t.status() == SessionStatus.WAITING_FOR_ANSWER && flow.isPresent()
                && flow.get().slide(t.step(), t.slide()) instanceof Question question) {
            atRest = SealedMessages.seal(t.message(), question.secretHints(), sealer);
        }
        ChatSession after = new ChatSession(before.id(), before.flowId(), before.owner(), t.step(), t.slide(),
                t.status(), state.answers, state.sealedSecrets, new HashMap<>(state.data), atRest, before.createdAt(),
                clock.instant());
        return store.put(KIND, before.id(), after, stored == null ? StateStore.NEW : stored.version()).version();
    }

    /**
     * Writes the session unchanged but for its time (compare-and-set), as a take-over of its step does to fence off
     * the runner that had it; returns its new version.
     *
     * @throws StaleVersionException when it changed since it was read
     */
    long touch(Versioned<ChatSession> stored) {
        ChatSession session = stored.value();
        ChatSession touched = new ChatSession(session.id(), session.flowId(), session.owner(), session.step(),
                session.slide(), session.status(), session.answers(), session.sealedSecrets(), session.data(),
                session.lastMessage(), session.createdAt(), clock.instant());
        return store.put(KIND, session.id(), touched, stored.version()).version();
    }

    /** Deletes the session unless it changed since it was read; true when it was deleted. */
    boolean deleteUnlessChanged(Versioned<ChatSession> stored) {
        return Records.deleteUnlessChanged(store, KIND, stored.id(), stored.version());
    }
}
