package io.threebot.deployer.internal.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.chat.ChatSession;
import io.threebot.deployer.chat.SessionStatus;
import io.threebot.deployer.internal.store.Json;
import io.threebot.deployer.spi.SecretSealer;
import io.threebot.deployer.spi.StoreException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A session's answers and facts, open for reading and writing while the engine works on it. */
final class SessionState implements FlowState {
    private final String sessionId;
    private final String owner;
    final Map<String, String> answers;
    final Map<String, String> sealedSecrets;
    final Map<String, JsonNode> data;
    private final SecretSealer sealer;

    SessionState(ChatSession session, SecretSealer sealer) {
        this.sessionId = session.id();
        this.owner = session.owner();
        this.answers = new HashMap<>(session.answers());
        this.sealedSecrets = new HashMap<>(session.sealedSecrets());
        this.data = new HashMap<>(session.data());
        this.sealer = sealer;
    }

    SessionState copy() {
        return new SessionState(new ChatSession(sessionId, "-", owner, 0, 0, SessionStatus.BUSY, answers,
                sealedSecrets, data, null, null, null), sealer);
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public Optional<String> answer(String key) {
        return Optional.ofNullable(answers.get(key));
    }

    @Override
    public Optional<String> secret(String key) {
        return Optional.ofNullable(sealedSecrets.get(key)).map(sealer::unseal);
    }

    @Override
    public void putSecret(String key, String value) {
        sealedSecrets.put(key, sealer.seal(value));
    }

    @Override
    public <T> Optional<T> data(String key, Class<T> type) {
        JsonNode node = data.get(key);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().treeToValue(node, type));
        } catch (JsonProcessingException e) {
            throw new StoreException("session fact " + key + " does not fit " + type.getSimpleName(), e);
        }
    }

    @Override
    public void put(String key, Object value) {
        data.put(key, Json.mapper().valueToTree(value));
    }

    @Override
    public void remove(String key) {
        data.remove(key);
    }
}
