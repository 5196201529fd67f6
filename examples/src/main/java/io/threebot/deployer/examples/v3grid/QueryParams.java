package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.errors.InvalidInputException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request's query parameters as gridproxy reads them: {@code a=1&b=x,y}; a repeated key or a comma-separated value
 * gives a list. Empty values, and the {@code undefined}/{@code null} that JavaScript clients put for options they
 * were not given, count as absent. A value that does not parse is an {@link InvalidInputException} naming the
 * parameter.
 */
final class QueryParams {
    private static final int MAX_QUERY = 8 * 1024;
    private final Map<String, List<String>> values;

    private QueryParams(Map<String, List<String>> values) {
        this.values = values;
    }

    static QueryParams parse(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new QueryParams(values);
        }
        if (rawQuery.length() > MAX_QUERY) {
            throw new InvalidInputException("query", "the query is longer than " + MAX_QUERY + " characters");
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            for (String part : value.split(",")) {
                String trimmed = part.trim();
                if (!trimmed.isEmpty() && !trimmed.equals("undefined") && !trimmed.equals("null")) {
                    values.computeIfAbsent(key, k -> new ArrayList<>()).add(trimmed);
                }
            }
        }
        return new QueryParams(values);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("query", "the query is not URL-encoded: " + text);
        }
    }

    Optional<String> text(String name) {
        List<String> list = values.get(name);
        return list == null ? Optional.empty() : Optional.of(String.join(",", list));
    }

    List<String> texts(String name) {
        return values.getOrDefault(name, List.of());
    }

    Optional<Long> number(String name) {
        return text(name).map(v -> parseNumber(name, v));
    }

    List<Long> numbers(String name) {
        return texts(name).stream().map(v -> parseNumber(name, v)).toList();
    }

    private static long parseNumber(String name, String value) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed < 0) {
                throw new InvalidInputException(name, name + " is not a non-negative number: " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, name + " is not a number: " + value);
        }
    }

    Optional<Boolean> flag(String name) {
        return text(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new InvalidInputException(name, name + " is not true or false: " + v);
        });
    }

    /** The page asked for (from 1; 1 by default). */
    long page() {
        long page = number("page").orElse(1L);
        if (page < 1) {
            throw new InvalidInputException("page", "page starts at 1");
        }
        return page;
    }

    /** The page size asked for (50 by default). */
    long size() {
        long size = number("size").orElse(50L);
        if (size < 1) {
            throw new InvalidInputException("size", "size is at least 1");
        }
        return size;
    }
}
