package io.threebot.deployer.internal.chat;

import java.util.function.Predicate;

/** One thing a step does: ask a question, or run a long action. */
public sealed interface Slide permits Question, Action {
    /** A key unique within the flow. */
    String key();

    /** Whether the slide applies, given the answers so far. */
    Predicate<FlowContext> when();
}
