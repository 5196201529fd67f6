package io.threebot.deployer;

import io.threebot.deployer.chat.SessionStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One of an owner's chats that has not ended, as {@link OwnerDeployer#openChats()} lists it: enough for a page to
 * offer it again after a reload, in another tab or after a restart of the host, and to show a 3Bot being deployed.
 *
 * @param sessionId the chat's session, to read ({@link OwnerDeployer#current}) or close
 *                  ({@link OwnerDeployer#closeChat})
 * @param flow      what the chat does
 * @param status    {@link SessionStatus#BUSY} while a long step runs (a deploy under way), else
 *                  {@link SessionStatus#WAITING_FOR_ANSWER}
 * @param step      the step it is at, from 1
 * @param steps     how many steps the chat has
 * @param title     the title of that step
 * @param threebot  the name of the 3Bot it is for: the name a deploy chat was given, or the 3Bot a maintenance chat
 *                  was started for; empty until known
 * @param startedAt when the chat started
 * @param updatedAt when it last changed
 */
public record OpenChat(String sessionId, Flow flow, SessionStatus status, int step, int steps, String title,
                       Optional<String> threebot, Instant startedAt, Instant updatedAt) {
    public OpenChat {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(status, "status");
        title = title == null ? "" : title;
        threebot = threebot == null ? Optional.empty() : threebot;
    }

    /** True while a long step runs: for a deploy chat, the 3Bot is being set up, paid for or deployed. */
    public boolean busy() {
        return status == SessionStatus.BUSY;
    }
}
