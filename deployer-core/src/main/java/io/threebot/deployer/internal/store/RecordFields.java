package io.threebot.deployer.internal.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreException;
import io.threebot.deployer.spi.Versioned;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The top-level fields of a record's JSON form that stores index ({@link StateStore#INDEXED_FIELDS}). */
public final class RecordFields {
    private static final Logger LOG = LoggerFactory.getLogger(RecordFields.class);
    private static final Pattern FILE_SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private RecordFields() {
    }

    /** The field's value as text, when the record has it as a string, number or boolean. */
    public static Optional<String> text(JsonNode record, String field) {
        JsonNode node = record.path(field);
        return node.isValueNode() && !node.isNull() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** Every indexed field the record has, with its value as text. */
    public static Map<String, String> indexed(JsonNode record) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : StateStore.INDEXED_FIELDS.stream().sorted().toList()) {
            text(record, field).ifPresent(v -> values.put(field, v));
        }
        return values;
    }

    /**
     * The indexed fields of the value the parser stands on (its first token), as {@link #indexed(JsonNode)} gives
     * them, without building its tree; the parser is left on the value's last token.
     */
    static Map<String, String> indexed(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return Map.of();
        }
        Map<String, String> values = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            if (StateStore.INDEXED_FIELDS.contains(field) && token.isScalarValue() && token != JsonToken.VALUE_NULL) {
                // the scalar's text as its tree node gives it (a number as the tree prints it)
                values.put(field, parser.<JsonNode>readValueAsTree().asText());
            } else {
                parser.skipChildren();
            }
        }
        return Map.copyOf(values);
    }

    /** A value's JSON text and its indexed fields, as a store writes it. */
    public record Serialised(String json, Map<String, String> indexed) {
    }

    /** The value's JSON text and its indexed fields, serialised once and then only tokenised. */
    public static Serialised serialise(Object value) {
        try {
            String json = Json.mapper().writeValueAsString(value);
            try (JsonParser parser = Json.mapper().getFactory().createParser(json)) {
                parser.nextToken();
                return new Serialised(json, indexed(parser));
            }
        } catch (IOException e) {
            throw new StoreException("cannot serialise a record of " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * A stored value's JSON text as a value of {@code type}, read without a tree in between.
     *
     * @throws StoreException when the text is empty, is not JSON, is null, or does not fit the type
     */
    public static <T> T value(String json, Class<T> type, String id) {
        try (JsonParser parser = Json.mapper().getFactory().createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new StoreException("record " + id + " is empty");
            }
            return readValue(parser, type, id);
        } catch (IOException e) {
            throw new StoreException("record " + id + " is not readable JSON", e);
        }
    }

    /**
     * The value the parser stands on (its first token) as a value of {@code type}, the parser left on its last
     * token.
     *
     * @throws StoreException when the value is null or does not fit the type
     * @throws IOException    when the JSON itself is broken (cut short, say)
     */
    static <T> T readValue(JsonParser parser, Class<T> type, String id) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            throw new StoreException("record " + id + " holds no value");
        }
        try {
            return Json.mapper().readValue(parser, type);
        } catch (IOException e) {
            if (brokenJson(e)) {
                throw e;
            }
            throw new StoreException("record " + id + " does not fit " + type.getSimpleName(), e);
        } catch (IllegalArgumentException e) {
            throw new StoreException("record " + id + " does not fit " + type.getSimpleName(), e);
        }
    }

    /** Whether a value could not be read because its JSON is broken (a mapping failure wraps such a one). */
    private static boolean brokenJson(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StreamReadException) {
                return true;
            }
        }
        return false;
    }

    /** The record's JSON as a value of {@code type}; a {@link StoreException} when it does not fit. */
    public static <T> T value(JsonNode record, Class<T> type, String id) {
        if (record == null || record.isMissingNode() || record.isNull()) {
            throw new StoreException("record " + id + " holds no value");
        }
        try {
            return Json.mapper().treeToValue(record, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new StoreException("record " + id + " does not fit " + type.getSimpleName(), e);
        }
    }

    /**
     * The record's JSON as a value of {@code type}, or empty when it does not fit (logged): how listings pass over
     * a damaged record without failing for the others.
     */
    public static <T> Optional<Versioned<T>> readable(String kind, String id, long version, JsonNode record,
                                                      Class<T> type) {
        try {
            return Optional.of(new Versioned<>(id, version, value(record, type, id)));
        } catch (StoreException e) {
            LOG.warn("Skipping record {}/{}, which cannot be read: {}", kind, id, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The records whose field {@code field}, as text, is {@code value}, as values of {@code type}: how a store
     * finds by a field it keeps no index of, from all the records of the kind. Those that do not fit the type are
     * left out, as {@link StateStore#find} promises.
     */
    public static <T> List<Versioned<T>> matching(String kind, List<Versioned<JsonNode>> records, String field,
                                                  String value, Class<T> type) {
        return records.stream().filter(v -> text(v.value(), field).filter(value::equals).isPresent())
                .flatMap(v -> readable(kind, v.id(), v.version(), v.value(), type).stream()).toList();
    }

    /**
     * Refuses a field without an index, for {@link StateStore#findDamaged}.
     *
     * @throws IllegalArgumentException when {@code field} is not one of the {@link StateStore#INDEXED_FIELDS}
     */
    public static void requireIndexed(String field) {
        if (!StateStore.INDEXED_FIELDS.contains(field)) {
            throw new IllegalArgumentException("damaged records are found by an indexed field "
                    + StateStore.INDEXED_FIELDS + ", not by " + field);
        }
    }

    /** A value as a file name: itself when safe, else {@code x-} and the hex of its UTF-8 bytes (cut at 120). */
    public static String fileName(String value) {
        if (FILE_SAFE.matcher(value).matches() && !value.startsWith("x-")) {
            return value;
        }
        String hex = HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8));
        return "x-" + (hex.length() > 120 ? hex.substring(0, 120) : hex);
    }
}
