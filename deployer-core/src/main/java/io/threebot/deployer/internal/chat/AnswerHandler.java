package io.threebot.deployer.internal.chat;

import java.util.Optional;

/**
 * Runs after an answer passed its rules: checks it against the world (the grid, the store) and stores what later
 * steps need. Returning an error re-asks the question, and then nothing the handler stored is kept.
 */
@FunctionalInterface
public interface AnswerHandler {
    Optional<String> accept(String answer, FlowState state);
}
