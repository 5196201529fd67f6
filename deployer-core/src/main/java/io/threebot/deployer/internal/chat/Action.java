package io.threebot.deployer.internal.chat;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * A long piece of work run off the caller's thread, with progress messages.
 *
 * @param startMessage the progress shown as the action starts
 */
public record Action(String key, String startMessage, StepAction body, Predicate<FlowContext> when)
        implements Slide {
    public Action {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(startMessage, "startMessage");
        Objects.requireNonNull(body, "body");
        when = when == null ? ctx -> true : when;
    }

    public static Action of(String key, String startMessage, StepAction body) {
        return new Action(key, startMessage, body, null);
    }

    public Action onlyWhen(Predicate<FlowContext> condition) {
        return new Action(key, startMessage, body, condition);
    }
}
