package io.threebot.deployer.internal.chat;

import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.chat.ChatSession;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signals the changes of sessions in one engine: keeps the latest progress of each long step running here (it is
 * not stored), wakes the clients awaiting a session's change, and tells the listeners every message. It holds no
 * lock: listeners are called on the caller's thread, several at once, and never under a session's claim.
 */
final class ChatUpdates {
    private static final Logger LOG = LoggerFactory.getLogger(ChatUpdates.class);
    private static final int WAIT_STRIPES = 256;

    private final Map<String, ChatMessage> progress = new ConcurrentHashMap<>();
    private final List<Consumer<ChatMessage>> listeners = new CopyOnWriteArrayList<>();
    /** Wakes the clients awaiting a session's change. */
    private final ChangeSignals changes = new ChangeSignals(WAIT_STRIPES);

    /** Adds a listener that hears every message told from now on. */
    void addListener(Consumer<ChatMessage> listener) {
        listeners.add(listener);
    }

    /**
     * Right after a transition was saved at {@code version}: keeps the progress of the long step it starts (or
     * forgets the one that ended) and wakes whoever awaits a change of the session. The listeners are told later, by
     * {@link #tell}.
     */
    void recorded(String sessionId, Transition t, long version) {
        if (t.startsStep()) {
            progress.put(sessionId, t.message().withSequence(version));
        } else {
            progress.remove(sessionId);
        }
        changes.changed(sessionId);
    }

    /** A long step reported progress: kept, awaiting clients woken, listeners told. */
    void progressed(String sessionId, ChatMessage message) {
        progress.put(sessionId, message);
        changes.changed(sessionId);
        tell(message);
    }

    /** What a busy session shows: the latest progress of its step here, or else the message it was saved with. */
    ChatMessage progressOf(ChatSession session) {
        return progress.getOrDefault(session.id(), session.lastMessage());
    }

    /**
     * Whether the latest step recorded here for the session started at {@code version} and has not ended here: its
     * progress (kept with the session's version the step started at) is all that changed here since.
     */
    boolean stepStartedAt(String sessionId, long version) {
        ChatMessage latest = progress.get(sessionId);
        return latest != null && latest.sequence() == version;
    }

    /** The signal of the session's next change; taken before the session is read, so no change is slept through. */
    ChangeSignals.Signal nextChange(String sessionId) {
        return changes.next(sessionId);
    }

    /** Tells every listener; a failing listener is logged and passed over. */
    void tell(ChatMessage message) {
        for (Consumer<ChatMessage> listener : listeners) {
            try {
                listener.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("A chat listener failed", e);
            }
        }
    }
}
