package io.threebot.deployer.internal.chat;

import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.chat.MessageInfo;
import io.threebot.deployer.chat.Payload;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Renders what a session shows at a position of its flow as the message the API returns: a question (with its
 * options, default, hints and any refusal), the progress of a long step, or an end. Pure: it reads the session's
 * state and writes nothing.
 */
final class ChatMessages {
    private ChatMessages() {
    }

    /**
     * A question as asked at {@code step}/{@code slide}; a previous answer (never a secret's) is offered as the
     * default, and Back is offered where it may be taken.
     *
     * @param error why the last answer was refused; null when none was
     */
    static ChatMessage question(FlowDefinition flow, String sessionId, SessionState state, int step, int slide,
                                Question question, String error) {
        Map<String, Object> kwargs = new LinkedHashMap<>(question.hints().apply(state));
        kwargs.put("key", question.key());
        if (question.choice() || question.kind() == Category.MULTI_CHOICE) {
            kwargs.put("options", question.options().apply(state));
        }
        Optional<String> previousAnswer = question.secret() ? Optional.empty() : state.answer(question.key());
        previousAnswer.or(() -> question.defaultValue().apply(state)).ifPresent(d -> kwargs.put("default", d));
        if (error != null) {
            kwargs.put("error", error);
        }
        boolean previous = BackTarget.from(flow, state, step, slide).allowed();
        return at(flow, sessionId, step, slide, previous,
                new Payload(question.kind().wireName(), question.text().apply(state), kwargs));
    }

    /** The progress of the long step at {@code step}/{@code slide}. */
    static ChatMessage progress(FlowDefinition flow, String sessionId, int step, int slide, String text) {
        return at(flow, sessionId, step, slide, false, new Payload(Category.MD_SHOW_UPDATE.wireName(), text,
                Map.of()));
    }

    /** An end of the session ({@link Category#END}) or its failure ({@link Category#ERROR}), with no way back. */
    static ChatMessage ending(FlowDefinition flow, String sessionId, int step, int slide, Category category,
                              String text) {
        return at(flow, sessionId, step, slide, false, new Payload(category.wireName(), text, Map.of()));
    }

    private static ChatMessage at(FlowDefinition flow, String sessionId, int step, int slide, boolean previous,
                                  Payload payload) {
        Step current = flow.steps().get(step);
        int steps = flow.steps().size();
        MessageInfo info = new MessageInfo(step + 1, steps, current.title(), previous, step == 0, step == steps - 1,
                slide + 1, current.finalStep(), 0);
        return new ChatMessage(sessionId, info, payload);
    }
}
