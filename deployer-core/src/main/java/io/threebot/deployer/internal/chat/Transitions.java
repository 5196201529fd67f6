package io.threebot.deployer.internal.chat;

import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.SessionStatus;

/**
 * Walks a flow: from a position, where a session stops next (the next question that applies, the next long step, or
 * the end), and how it stops early (failed, or closed by its user). Secrets are dropped from the state of a session
 * that ends. It renders the message shown there and writes nothing.
 */
final class Transitions {
    /** What a chat the user closed shows from then on, in any tab. */
    static final String CLOSED_TEXT = "You closed this chat; nothing more is done in it.";

    private Transitions() {
    }

    /** From {@code step}/{@code slide} (itself included) to the first slide that applies, or to the end. */
    static Transition advance(FlowDefinition flow, String sessionId, SessionState state, int step, int slide) {
        while (true) {
            if (step >= flow.steps().size()) {
                state.sealedSecrets.clear();
                int last = flow.steps().size() - 1;
                return new Transition(last, flow.steps().get(last).slides().size(), SessionStatus.FINISHED,
                        ChatMessages.ending(flow, sessionId, last, 0, Category.END, ""), null);
            }
            Step current = flow.steps().get(step);
            if (slide >= current.slides().size()) {
                step++;
                slide = 0;
                continue;
            }
            Slide next = current.slides().get(slide);
            if (!next.when().test(state)) {
                slide++;
                continue;
            }
            if (next instanceof Question question) {
                return new Transition(step, slide, SessionStatus.WAITING_FOR_ANSWER,
                        ChatMessages.question(flow, sessionId, state, step, slide, question, null), null);
            }
            Action action = (Action) next;
            return new Transition(step, slide, SessionStatus.BUSY,
                    ChatMessages.progress(flow, sessionId, step, slide, action.startMessage()), action);
        }
    }

    /** The session fails where it stands, showing {@code text}. */
    static Transition failed(FlowDefinition flow, String sessionId, SessionState state, int step, int slide,
                             String text) {
        state.sealedSecrets.clear();
        return new Transition(step, slide, SessionStatus.FAILED,
                ChatMessages.ending(flow, sessionId, step, slide, Category.ERROR, text), null);
    }

    /** The session ends where it stands because its user closed it. */
    static Transition closed(FlowDefinition flow, String sessionId, SessionState state, int step, int slide) {
        state.sealedSecrets.clear();
        return new Transition(step, slide, SessionStatus.FINISHED,
                ChatMessages.ending(flow, sessionId, step, slide, Category.END, CLOSED_TEXT), null);
    }
}
