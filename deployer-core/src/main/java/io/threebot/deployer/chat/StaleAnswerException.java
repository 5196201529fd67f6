package io.threebot.deployer.chat;

import io.threebot.deployer.errors.DeployerException.Reason;

/**
 * An answer (or a step back) named a message the chat has moved on from: a second click, a second tab, a retry of
 * an answer that was taken. Nothing changed; the current message says where the chat stands.
 */
public class StaleAnswerException extends ChatException {
    public StaleAnswerException(String message) {
        super(message);
    }

    /** {@link Reason#CONFLICT}. */
    @Override
    public Reason reason() {
        return Reason.CONFLICT;
    }
}
