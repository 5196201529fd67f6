package io.threebot.deployer.internal.chat;

import io.threebot.deployer.chat.ChatSession;
import io.threebot.deployer.chat.SessionStatus;
import io.threebot.deployer.chat.TooManyChatsException;
import io.threebot.deployer.internal.store.OwnerSlots;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The open chats and the limit on them. A chat is open while it has not ended and is not idle past the timeout (a
 * busy one always is). Each open chat holds one of its owner's slots in the store ({@link OwnerSlots}), so the
 * limit holds across deployer instances and concurrent starts.
 */
final class OpenChats {
    /** The store kind of the owners' open-chat slots. */
    static final String CHAT_SLOTS = "chat-slots";
    /** How long a slot taken by a start counts as open before its session is written. */
    private static final Duration SLOT_GRACE = Duration.ofMinutes(1);
    /** The statuses of sessions that may be open. */
    private static final List<SessionStatus> OPEN = List.of(SessionStatus.BUSY, SessionStatus.WAITING_FOR_ANSWER);

    private final SessionRecords sessions;
    private final OwnerSlots slots;
    private final ChatEngine.Limits limits;
    private final Clock clock;

    OpenChats(SessionRecords sessions, StateStore store, ChatEngine.Limits limits, Clock clock) {
        this.sessions = sessions;
        this.slots = new OwnerSlots(store, CHAT_SLOTS, limits.maxOpenChatsPerOwner());
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Takes one of the owner's slots for a session about to start.
     *
     * @throws TooManyChatsException when the owner has as many open chats as the limit allows
     */
    void take(String owner, String sessionId, Instant now) {
        if (!slots.take(owner, sessionId, now, this::holdsSlot)) {
            throw new TooManyChatsException("You have " + limits.maxOpenChatsPerOwner() + " open chats, the most "
                    + "one user may have; finish one, or leave it: a chat waiting for an answer closes after "
                    + limits.sessionIdleTimeout().toHours() + " hours.");
        }
    }

    /** The owner's open sessions, the most recently changed first, found through the store's index of owners. */
    List<ChatSession> of(String owner) {
        return open(sessions.ofOwner(owner))
                .filter(session -> session.owner().equals(owner))
                .sorted(Comparator.comparing(ChatSession::updatedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    /** How many sessions of all owners are open, read from the busy and the waiting sessions alone. */
    long count() {
        return OPEN.stream().flatMap(status -> open(sessions.withStatus(status))).count();
    }

    /**
     * True while a chat slot's session is open, or not written yet by the start that took the slot a moment ago.
     */
    private boolean holdsSlot(OwnerSlots.Slot slot) {
        Optional<Versioned<ChatSession>> session = sessions.get(slot.holder());
        if (session.isEmpty()) {
            return slot.takenAt().isAfter(clock.instant().minus(SLOT_GRACE));
        }
        return open(List.of(session.get())).findAny().isPresent();
    }

    private Stream<ChatSession> open(List<Versioned<ChatSession>> found) {
        Instant cutoff = clock.instant().minus(limits.sessionIdleTimeout());
        return found.stream().map(Versioned::value)
                .filter(c -> !c.status().ended()
                        && (c.status() == SessionStatus.BUSY || !c.updatedAt().isBefore(cutoff)));
    }
}
