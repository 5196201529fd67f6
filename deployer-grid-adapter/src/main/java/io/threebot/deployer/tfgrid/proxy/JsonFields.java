package io.threebot.deployer.tfgrid.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed reading of one JSON object of a gridproxy answer: required fields must be there and of their type, optional
 * ones may be missing or {@code null} and then take their default, unknown ones are ignored. Anything else is a
 * {@link GridProxyProtocolException} naming the field by its path in the answer (e.g. {@code [3].publicConfig.ipv4}).
 */
final class JsonFields {
    private final JsonNode object;
    private final String path;

    private JsonFields(JsonNode object, String path) {
        this.object = object;
        this.path = path;
    }

    /** The node as an object, or a protocol error. */
    static JsonFields of(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw wrong(path, "an object", node);
        }
        return new JsonFields(node, path);
    }

    /** The node as an array of objects, each read by {@code reader}. */
    static <T> List<T> list(JsonNode node, String path, Function<JsonFields, T> reader) {
        if (node == null || !node.isArray()) {
            throw wrong(path, "an array", node);
        }
        List<T> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(reader.apply(of(node.get(i), path + "[" + i + "]")));
        }
        return out;
    }

    String path() {
        return path;
    }

    boolean has(String name) {
        JsonNode value = object.get(name);
        return value != null && !value.isNull();
    }

    /** A required unsigned integer (uint64 read as far as a long goes). */
    long requiredCount(String name) {
        JsonNode value = required(name);
        return count(value, name);
    }

    /** An optional unsigned integer, 0 when absent. */
    long count(String name) {
        return has(name) ? count(object.get(name), name) : 0;
    }

    /** An optional time in Unix seconds, the epoch when absent. */
    Instant instant(String name) {
        long seconds = count(name);
        if (seconds > Instant.MAX.getEpochSecond()) {
            throw wrong(at(name), "a time in seconds", object.get(name));
        }
        return Instant.ofEpochSecond(seconds);
    }

    /** A required string, possibly empty. */
    String requiredText(String name) {
        JsonNode value = required(name);
        if (!value.isTextual()) {
            throw wrong(at(name), "a string", value);
        }
        return value.asText();
    }

    /** An optional string, empty when absent. */
    String text(String name) {
        return has(name) ? requiredText(name) : "";
    }

    /** An optional string that is empty when absent or empty. */
    Optional<String> optionalText(String name) {
        String text = text(name);
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** An optional boolean, false when absent. */
    boolean flag(String name) {
        if (!has(name)) {
            return false;
        }
        JsonNode value = object.get(name);
        if (!value.isBoolean()) {
            throw wrong(at(name), "true or false", value);
        }
        return value.asBoolean();
    }

    /** An optional finite number, 0 when absent. */
    double number(String name) {
        if (!has(name)) {
            return 0;
        }
        JsonNode value = object.get(name);
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw wrong(at(name), "a number", value);
        }
        return value.asDouble();
    }

    /** A required nested object. */
    JsonFields requiredObject(String name) {
        return of(required(name), at(name));
    }

    /** An optional nested object. */
    Optional<JsonFields> object(String name) {
        return has(name) ? Optional.of(requiredObject(name)) : Optional.empty();
    }

    /** An optional array of strings, empty when absent. */
    List<String> texts(String name) {
        if (!has(name)) {
            return List.of();
        }
        JsonNode value = object.get(name);
        if (!value.isArray()) {
            throw wrong(at(name), "an array", value);
        }
        List<String> out = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw wrong(at(name) + "[" + i + "]", "a string", item);
            }
            out.add(item.asText());
        }
        return out;
    }

    /** An optional array of objects, empty when absent. */
    <T> List<T> objects(String name, Function<JsonFields, T> reader) {
        return has(name) ? list(object.get(name), at(name), reader) : List.of();
    }

    private long count(JsonNode value, String name) {
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw wrong(at(name), "a non-negative integer", value);
        }
        return value.asLong();
    }

    private JsonNode required(String name) {
        if (!has(name)) {
            throw new GridProxyProtocolException("the gridproxy's answer lacks " + at(name));
        }
        return object.get(name);
    }

    private String at(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static GridProxyProtocolException wrong(String path, String expected, JsonNode found) {
        String kind = found == null || found.isMissingNode() ? "nothing" : found.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        return new GridProxyProtocolException("the gridproxy's answer has " + kind + " at "
                + (path.isEmpty() ? "its top" : path) + " where " + expected + " belongs");
    }
}
