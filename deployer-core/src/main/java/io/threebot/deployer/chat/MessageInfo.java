package io.threebot.deployer.chat;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where in the flow a message stands (the wire's {@code info} block). Steps and slides count from 1. */
public record MessageInfo(int step, int steps, String title, boolean previous,
                          @JsonProperty("first_step") boolean firstStep,
                          @JsonProperty("last_step") boolean lastStep,
                          int slide,
                          @JsonProperty("final_step") boolean finalStep) {
}
