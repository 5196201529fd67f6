package io.threebot.deployer.internal.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreException;
import io.threebot.deployer.spi.Versioned;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bytes of a record file, {@code {"version": n, "value": {...}}}, written and read in one pass: the value is
 * serialised straight into the bytes and read straight from them, and the version, the indexed fields or a lease's
 * token are picked out while the rest is only tokenised, never built into a tree. Every read goes through the whole
 * file, so a file cut short is reported however little of it is wanted.
 */
public final class RecordFile {
    private static final String VERSION = "version";
    private static final String VALUE = "value";
    private static final ObjectWriter PRETTY = Json.mapper().writerWithDefaultPrettyPrinter();

    /** What the file says of itself: its version and its value's {@linkplain StateStore#INDEXED_FIELDS indexed fields}. */
    public record Header(long version, Map<String, String> indexed) {
    }

    /** Reads the value the parser stands on (its first token), leaving the parser on its last token. */
    @FunctionalInterface
    private interface ValueReader {
        void read(JsonParser parser) throws IOException;
    }

    private RecordFile() {
    }

    /** The file's bytes for {@code value} at {@code version}, pretty-printed for the operator who opens it. */
    public static byte[] encode(long version, Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator generator = PRETTY.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeNumberField(VERSION, version);
            generator.writeFieldName(VALUE);
            Json.mapper().writeValue(generator, value);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new StoreException("cannot serialise a record of " + value.getClass().getSimpleName(), e);
        }
        return out.toByteArray();
    }

    /** The file's version and indexed fields. */
    public static Header header(byte[] bytes, String fileName) {
        List<Map<String, String>> indexed = new ArrayList<>(1);
        long version = walk(bytes, fileName, parser -> indexed.add(RecordFields.indexed(parser)));
        return new Header(version, indexed.isEmpty() ? Map.of() : indexed.get(0));
    }

    /** The file's version; 0 when it has none. */
    public static long version(byte[] bytes, String fileName) {
        return walk(bytes, fileName, JsonParser::skipChildren);
    }

    /** The text of the value's top-level field, when it is text (a lease's token). */
    public static Optional<String> text(byte[] bytes, String fileName, String field) {
        String[] found = new String[1];
        walk(bytes, fileName, parser -> {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean wanted = field.equals(parser.currentName());
                if (parser.nextToken() == JsonToken.VALUE_STRING && wanted) {
                    found[0] = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        });
        return Optional.ofNullable(found[0]);
    }

    /**
     * The record as a value of {@code type} ({@link JsonNode} for its tree).
     *
     * @throws StoreException when the file cannot be read, holds no value, or its value does not fit the type
     */
    public static <T> Versioned<T> decode(String id, byte[] bytes, String fileName, Class<T> type) {
        List<T> value = new ArrayList<>(1);
        long version = walk(bytes, fileName, parser -> value.add(RecordFields.readValue(parser, type, id)));
        if (value.isEmpty() || value.get(0) == null) {
            throw new StoreException("record " + id + " holds no value");
        }
        return new Versioned<>(id, version, value.get(0));
    }

    /** Goes through the whole file, handing the value to {@code onValue}; returns the version (0 when none). */
    private static long walk(byte[] bytes, String fileName, ValueReader onValue) {
        try (JsonParser parser = Json.mapper().getFactory().createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new StoreException("cannot read record file " + fileName + ": it holds no record");
            }
            long version = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (VERSION.equals(field)) {
                    version = parser.getValueAsLong(0);
                    parser.skipChildren();
                } else if (VALUE.equals(field)) {
                    onValue.read(parser);
                } else {
                    parser.skipChildren();
                }
            }
            return version;
        } catch (IOException e) {
            throw new StoreException("cannot read record file " + fileName, e);
        }
    }
}
