package io.threebot.deployer.internal.chat;

import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.chat.SessionStatus;

/**
 * Where a transition leaves a session: its position in the flow, its status, the message it shows, and the long
 * step it starts.
 *
 * @param action the long step to start; null when the transition starts none
 */
record Transition(int step, int slide, SessionStatus status, ChatMessage message, Action action) {

    /** Whether the transition starts (or resumes) a long step. */
    boolean startsStep() {
        return action != null;
    }
}
