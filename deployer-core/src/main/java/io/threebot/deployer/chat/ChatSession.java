package io.threebot.deployer.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A chat session as stored: the flow, the position in it, the answers (secret ones sealed), the facts its steps
 * stored and the last message shown. A session is data, so a restarted deployer carries on where it stood.
 *
 * @param step  index of the current step, from 0
 * @param slide index of the current slide within the step, from 0
 */
public record ChatSession(String id, String flowId, String owner, int step, int slide, SessionStatus status,
                          Map<String, String> answers, Map<String, String> sealedSecrets, Map<String, JsonNode> data,
                          ChatMessage lastMessage, Instant createdAt, Instant updatedAt) {
    public ChatSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(status, "status");
        answers = Map.copyOf(answers);
        sealedSecrets = Map.copyOf(sealedSecrets);
        data = Map.copyOf(data);
    }

    @Override
    public String toString() {
        return "ChatSession[" + id + ", flow=" + flowId + ", owner=" + owner + ", step=" + step + ", slide=" + slide
                + ", status=" + status + "]";
    }
}
