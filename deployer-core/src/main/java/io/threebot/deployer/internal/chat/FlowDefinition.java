package io.threebot.deployer.internal.chat;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A chat flow: an id, a title and its ordered steps. */
public record FlowDefinition(String id, String title, List<Step> steps) {
    public FlowDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("flow " + id + " has no steps");
        }
        Set<String> keys = new HashSet<>();
        for (Step step : steps) {
            for (Slide slide : step.slides()) {
                if (!keys.add(slide.key())) {
                    throw new IllegalArgumentException("flow " + id + " uses the slide key " + slide.key() + " twice");
                }
            }
        }
    }

    public Slide slide(int step, int slide) {
        return steps.get(step).slides().get(slide);
    }
}
