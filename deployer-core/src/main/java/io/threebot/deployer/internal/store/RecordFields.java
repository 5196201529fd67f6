package io.threebot.deployer.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreException;
import io.threebot.deployer.spi.Versioned;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The top-level fields of a record's JSON form that stores index ({@link StateStore#INDEXED_FIELDS}). */
public final class RecordFields {
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

    /** The record's JSON as a value of {@code type}; a {@link StoreException} when it does not fit. */
    public static <T> T value(JsonNode record, Class<T> type, String id) {
        try {
            return Json.mapper().treeToValue(record, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new StoreException("record " + id + " does not fit " + type.getSimpleName(), e);
        }
    }

    /**
     * The records whose field {@code field}, as text, is {@code value}, as values of {@code type}: how a store
     * finds by a field it keeps no index of, from all the records of the kind.
     */
    public static <T> List<Versioned<T>> matching(List<Versioned<JsonNode>> records, String field, String value,
                                                  Class<T> type) {
        return records.stream().filter(v -> text(v.value(), field).filter(value::equals).isPresent())
                .map(v -> new Versioned<>(v.id(), v.version(), value(v.value(), type, v.id()))).toList();
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
