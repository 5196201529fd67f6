package io.threebot.deployer.internal.chat;

import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.chat.Payload;
import io.threebot.deployer.spi.SecretSealer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Messages as they are kept at rest: the kwargs that carry secrets (a WireGuard configuration, say) are sealed
 * and named in {@value #SEALED}, and opened again when the message is read back.
 */
final class SealedMessages {
    /** The kwarg naming the sealed kwargs of a stored message. */
    static final String SEALED = "sealed_kwargs";

    private SealedMessages() {
    }

    /** The message with the named kwargs sealed; the message itself when it has none of them. */
    static ChatMessage seal(ChatMessage message, Set<String> secretKwargs, SecretSealer sealer) {
        Map<String, Object> kwargs = new LinkedHashMap<>(message.payload().kwargs());
        List<String> sealed = secretKwargs.stream().filter(kwargs::containsKey).sorted().toList();
        if (sealed.isEmpty()) {
            return message;
        }
        sealed.forEach(name -> kwargs.put(name, sealer.seal(String.valueOf(kwargs.get(name)))));
        kwargs.put(SEALED, sealed);
        return with(message, kwargs);
    }

    /** The message as it was shown: sealed kwargs opened, the marker gone. */
    static ChatMessage open(ChatMessage message, SecretSealer sealer) {
        if (message == null || !(message.payload().kwargs().get(SEALED) instanceof List<?> sealed)) {
            return message;
        }
        Map<String, Object> kwargs = new LinkedHashMap<>(message.payload().kwargs());
        kwargs.remove(SEALED);
        for (Object name : sealed) {
            kwargs.put(String.valueOf(name), sealer.unseal(String.valueOf(kwargs.get(String.valueOf(name)))));
        }
        return with(message, kwargs);
    }

    private static ChatMessage with(ChatMessage message, Map<String, Object> kwargs) {
        Payload p = message.payload();
        return new ChatMessage(message.sessionId(), message.info(), new Payload(p.category(), p.msg(), kwargs));
    }
}
