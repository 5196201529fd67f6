package io.threebot.deployer.internal.chat;

import java.util.List;
import java.util.Optional;

/** Checks an answer against its question: one of its options for a choice, then each of its rules in turn. */
final class AnswerCheck {
    private AnswerCheck() {
    }

    /** What is wrong with {@code answer}, told to the user; empty when it is accepted. */
    static Optional<String> problem(Question question, String answer, FlowContext ctx) {
        if (question.acknowledgement()) {
            return Optional.empty();
        }
        if (question.choice() && !(answer.isEmpty() && !question.required())) {
            List<String> options = question.options().apply(ctx);
            if (!options.contains(answer)) {
                return Optional.of("Choose one of: " + String.join(", ", options) + ".");
            }
        }
        for (Rule rule : question.rules()) {
            Optional<String> problem = rule.check(answer, ctx);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }
}
