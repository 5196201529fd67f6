package io.threebot.deployer;

import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.chat.SessionStatus;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What a host may do with chat sessions: answer, go back, read and await them, and hear their messages. Sessions
 * start through {@link ThreebotDeployer#forOwner} (or {@link ThreebotDeployer#startDeploy}); the engine behind
 * them, its resumption and its executor, stay the deployer's. Another owner's session answers as an unknown one.
 */
public interface Chats {

    /** Answers the current question; a refused answer returns the same question with the reason. */
    ChatMessage answer(String sessionId, String owner, String value);

    /** Goes back to the previous question, where the step allows it. */
    ChatMessage back(String sessionId, String owner);

    /** The message to show now: the question waiting, the latest progress of a long step, or the end. */
    ChatMessage current(String sessionId, String owner);

    /** Where the session stands. */
    SessionStatus status(String sessionId, String owner);

    /** Waits while a long step runs, up to {@code timeout}, and returns the message to show then. */
    ChatMessage awaitNext(String sessionId, String owner, Duration timeout) throws InterruptedException;

    /**
     * Hears every message of every session, progress included (to push it to browsers, say); called from several
     * threads, never under a session's lock; it should return quickly.
     */
    void addListener(Consumer<ChatMessage> listener);
}
