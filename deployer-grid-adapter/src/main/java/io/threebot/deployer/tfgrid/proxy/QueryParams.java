package io.threebot.deployer.tfgrid.proxy;

import io.threebot.deployer.errors.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The query parameters a filter builder collects, checked as they are set (the gridproxy's names; lists joined with
 * commas as its parser splits them), and their percent-encoded query string in name order.
 */
final class QueryParams {
    /** The longest text value taken: a filter value is a name or an address, never a document. */
    static final int MAX_TEXT = 1024;

    private final TreeMap<String, String> values = new TreeMap<>();

    QueryParams() {
    }

    QueryParams(Map<String, String> from) {
        values.putAll(from);
    }

    /** A count or an amount (bytes, IPs): zero or more. */
    QueryParams count(String name, long value) {
        if (value < 0) {
            throw new InvalidInputException(name, name + " must be zero or more, not " + value);
        }
        values.put(name, Long.toString(value));
        return this;
    }

    /** An id (twin, farm, node, contract): one or more. */
    QueryParams id(String name, long value) {
        if (value < 1) {
            throw new InvalidInputException(name, name + " must be an id of 1 or more, not " + value);
        }
        values.put(name, Long.toString(value));
        return this;
    }

    QueryParams flag(String name, boolean value) {
        values.put(name, Boolean.toString(value));
        return this;
    }

    QueryParams text(String name, String value) {
        values.put(name, checkedText(name, value));
        return this;
    }

    /** Ids joined with commas, at least one. */
    QueryParams ids(String name, Collection<Long> ids) {
        return list(name, ids, id -> {
            if (id == null || id < 1) {
                throw new InvalidInputException(name, name + " must hold ids of 1 or more, not " + id);
            }
            return id.toString();
        });
    }

    /** Values joined with commas, at least one; none may hold a comma. */
    <T> QueryParams list(String name, Collection<T> items, Function<T, String> wire) {
        if (items == null || items.isEmpty()) {
            throw new InvalidInputException(name, name + " needs at least one value");
        }
        StringJoiner joined = new StringJoiner(",");
        for (T item : items) {
            if (item == null) {
                throw new InvalidInputException(name, name + " holds an empty value");
            }
            String text = checkedText(name, wire.apply(item));
            if (text.indexOf(',') >= 0) {
                throw new InvalidInputException(name, name + " values may not hold a comma");
            }
            joined.add(text);
        }
        values.put(name, checkedText(name, joined.toString()));
        return this;
    }

    Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** The parameters as {@code name=value&...}, in name order, values percent-encoded (commas kept). */
    static String encode(Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, value) -> query.add(name + "=" + percentEncode(value)));
        return query.toString();
    }

    /** RFC 3986 percent-encoding of UTF-8, keeping unreserved characters and the commas that separate list items. */
    static String percentEncode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == ',') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String checkedText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(name, name + " may not be empty");
        }
        if (value.length() > MAX_TEXT) {
            throw new InvalidInputException(name, name + " is longer than " + MAX_TEXT + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidInputException(name, name + " may not hold control characters");
            }
        }
        return value;
    }
}
