package io.threebot.deployer.internal.chat;

import java.util.Optional;

/** What a step can read of its session: the owner, the answers so far and the facts earlier steps stored. */
public interface FlowContext {

    String sessionId();

    /** The authenticated user the session belongs to. */
    String owner();

    /** A non-secret answer. */
    Optional<String> answer(String key);

    /** A secret answer, unsealed; never log it. */
    Optional<String> secret(String key);

    /** A fact an earlier step stored. */
    <T> Optional<T> data(String key, Class<T> type);

    default String requireAnswer(String key) {
        return answer(key).orElseThrow(() -> new IllegalStateException("no answer for " + key));
    }

    default <T> T require(String key, Class<T> type) {
        return data(key, type).orElseThrow(() -> new IllegalStateException("no data for " + key));
    }
}
