package io.threebot.deployer.chat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.internal.store.Json;
import java.util.List;
import java.util.Optional;

/** One message of a chat session: where it stands and what it shows or asks. */
public record ChatMessage(String sessionId, MessageInfo info, Payload payload) {

    @JsonIgnore
    public Category category() {
        return payload.categoryEnum();
    }

    /** True while a long step runs and no answer is expected. */
    @JsonIgnore
    public boolean busy() {
        return category() == Category.MD_SHOW_UPDATE;
    }

    /** The key of the question asked (the {@code key} kwarg), empty for messages that ask nothing. */
    @JsonIgnore
    public Optional<String> questionKey() {
        return Optional.ofNullable(payload.kwargs().get("key")).map(Object::toString);
    }

    /** The error shown with a re-asked question, when the last answer was refused. */
    @JsonIgnore
    public Optional<String> validationError() {
        return Optional.ofNullable(payload.kwargs().get("error")).map(Object::toString);
    }

    /** The choices of a choice question; empty for other kinds. */
    @JsonIgnore
    @SuppressWarnings("unchecked")
    public List<String> options() {
        Object options = payload.kwargs().get("options");
        return options instanceof List<?> list ? (List<String>) list : List.of();
    }

    /** Which state of its session this message shows; an answer to it names this ({@link MessageInfo#sequence()}). */
    @JsonIgnore
    public long sequence() {
        return info.sequence();
    }

    /** This message as of the session's state {@code sequence}. */
    public ChatMessage withSequence(long sequence) {
        return new ChatMessage(sessionId, info.withSequence(sequence), payload);
    }

    /** The wire form {@code {"info": {...}, "payload": {"category", "msg", "kwargs"}}} for web hosts. */
    public String toWireJson() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.set("info", Json.mapper().valueToTree(info));
        node.set("payload", Json.mapper().valueToTree(payload));
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a chat message could not be written as JSON", e);
        }
    }
}
