package io.threebot.deployer.explorer;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reading the explorer's JSON strictly: a missing or mistyped field is a protocol error, not a silent default. */
final class WireJson {
    private WireJson() {
    }

    static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isMissingNode()) {
            throw new ExplorerProtocolException("the explorer's answer lacks '" + name + "'");
        }
        return value;
    }

    static String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        return value.isNull() ? "" : value.asText();
    }

    static String optionalText(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? "" : value.asText();
    }

    static long number(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isNumber()) {
            throw new ExplorerProtocolException("'" + name + "' in the explorer's answer is not a number");
        }
        return value.asLong();
    }

    static double decimal(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? 0 : value.asDouble();
    }

    static boolean flag(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.asBoolean();
    }

    static Instant time(JsonNode node, String name) {
        return Instant.ofEpochSecond(number(node, name));
    }

    static List<String> texts(JsonNode node, String name) {
        List<String> out = new ArrayList<>();
        JsonNode value = node.get(name);
        if (value != null && value.isArray()) {
            value.forEach(v -> out.add(v.asText()));
        }
        return out;
    }
}
