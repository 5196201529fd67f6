package io.threebot.deployer.chat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What a message shows or asks (the wire's {@code payload} block). */
public record Payload(String category, String msg, Map<String, Object> kwargs) {
    public Payload {
        Objects.requireNonNull(category, "category");
        msg = msg == null ? "" : msg;
        kwargs = kwargs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
    }

    @JsonIgnore
    public Category categoryEnum() {
        return Category.fromWireName(category);
    }
}
