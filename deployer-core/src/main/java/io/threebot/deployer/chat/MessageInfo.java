package io.threebot.deployer.chat;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where in the flow a message stands (the wire's {@code info} block). Steps and slides count from 1.
 *
 * @param sequence which state of the session the message shows, growing with every change: an answer names the
 *                 sequence of the question it answers, and is refused when the chat has moved on since
 *                 ({@link StaleAnswerException}); 0 in a message not yet given out
 */
public record MessageInfo(int step, int steps, String title, boolean previous,
                          @JsonProperty("first_step") boolean firstStep,
                          @JsonProperty("last_step") boolean lastStep,
                          int slide,
                          @JsonProperty("final_step") boolean finalStep,
                          long sequence) {

    /** The same place, at another sequence. */
    public MessageInfo withSequence(long value) {
        return new MessageInfo(step, steps, title, previous, firstStep, lastStep, slide, finalStep, value);
    }
}
