package io.threebot.deployer.tfgrid.proxy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * Parses gridproxy answers into JSON trees within bounds (nesting depth 32, strings up to 1 MiB, numbers up to 40
 * digits, one document with nothing after it) and reads them as records; whatever is wrong is a
 * {@link GridProxyProtocolException}, never an unchecked exception from the parser.
 */
final class ProxyJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32)
                            .maxStringLength(1 << 20)
                            .maxNumberLength(40)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ProxyJson() {
    }

    /** The body as a JSON tree. */
    static JsonNode parse(byte[] body, String what) {
        try {
            JsonNode tree = MAPPER.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw new GridProxyProtocolException("the gridproxy answered " + what + " with an empty body");
            }
            return tree;
        } catch (IOException | RuntimeException e) {
            if (e instanceof GridProxyProtocolException known) {
                throw known;
            }
            throw new GridProxyProtocolException("the gridproxy answered " + what + " with malformed JSON", e);
        }
    }

    /** A listing: an array of objects ({@code null}, as Go writes an empty slice, reads as none). */
    static <T> List<T> list(byte[] body, String what, Function<JsonFields, T> reader) {
        JsonNode tree = parse(body, what);
        return tree.isNull() ? List.of() : JsonFields.list(tree, "", reader);
    }

    /** One object. */
    static <T> T one(byte[] body, String what, Function<JsonFields, T> reader) {
        return reader.apply(JsonFields.of(parse(body, what), ""));
    }

    /**
     * The proxy's error text from an error answer: its {@code error} field (or {@code Message}, as its other handler
     * writes it), else the body itself; control characters dropped, at most 500 characters.
     */
    static String errorText(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 4096), java.nio.charset.StandardCharsets.UTF_8);
        try {
            JsonNode tree = MAPPER.readTree(body);
            if (tree != null && tree.isObject()) {
                for (String field : List.of("error", "Message", "message")) {
                    if (tree.path(field).isTextual()) {
                        text = tree.get(field).asText();
                        break;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: the body's own text is the message
        }
        String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() > 500 ? clean.substring(0, 500) + "..." : clean;
    }
}
