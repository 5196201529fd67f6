package io.threebot.deployer.internal.chat;

import java.util.List;
import java.util.Objects;

/**
 * A step of a flow.
 *
 * @param backDisabled the user cannot go back from this step (it did something that cannot be undone)
 * @param finalStep    the last step the user sees
 */
public record Step(String title, List<Slide> slides, boolean backDisabled, boolean finalStep) {
    public Step {
        Objects.requireNonNull(title, "title");
        slides = List.copyOf(slides);
        if (slides.isEmpty()) {
            throw new IllegalArgumentException("step '" + title + "' has no slides");
        }
    }

    public static Step of(String title, Slide... slides) {
        return new Step(title, List.of(slides), false, false);
    }

    public Step withBackDisabled() {
        return new Step(title, slides, true, finalStep);
    }

    public Step asFinal() {
        return new Step(title, slides, true, true);
    }
}
