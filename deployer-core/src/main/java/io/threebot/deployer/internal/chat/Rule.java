package io.threebot.deployer.internal.chat;

import java.util.Optional;

/** A check on an answer, run on the server. */
@FunctionalInterface
public interface Rule {
    /** Returns what is wrong with the answer, in words for the user, or empty when it is fine. */
    Optional<String> check(String answer, FlowContext context);
}
