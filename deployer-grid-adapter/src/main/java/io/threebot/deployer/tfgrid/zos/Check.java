package io.threebot.deployer.tfgrid.zos;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Range and text checks shared by the records: each failure is an {@link InvalidDeploymentException}. */
final class Check {
    static final long UINT32_MAX = 0xFFFF_FFFFL;
    static final int MAX_TEXT = 1 << 20;
    static final int MAX_ITEMS = 10_000;

    private Check() {
    }

    static long uint32(String field, long value) {
        return range(field, value, 0, UINT32_MAX);
    }

    static long uint64(String field, long value) {
        if (value < 0) {
            throw new InvalidDeploymentException(field, field + " must be between 0 and " + Long.MAX_VALUE);
        }
        return value;
    }

    static long range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidDeploymentException(field, field + " must be between " + min + " and " + max);
        }
        return value;
    }

    /** null as "", as Go reads a missing or null string; text that is not well-formed UTF-16 is refused. */
    static String text(String field, String value) {
        if (value == null) {
            return "";
        }
        if (value.length() > MAX_TEXT) {
            throw new InvalidDeploymentException(field, field + " is longer than " + MAX_TEXT + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new InvalidDeploymentException(field, field + " holds a lone surrogate");
            }
            if (Character.isLowSurrogate(c)) {
                throw new InvalidDeploymentException(field, field + " holds a lone surrogate");
            }
        }
        return value;
    }

    /** A workload name as zos accepts it (gridtypes.IsValidName): 1 to 36 of [a-zA-Z0-9_], not "ygg". */
    static String name(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidDeploymentException(field, field + " cannot be empty");
        }
        if (value.length() > 36) {
            throw new InvalidDeploymentException(field, field + " cannot exceed 36 characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            if (!ok) {
                throw new InvalidDeploymentException(field, field + " may hold only letters, digits and _");
            }
        }
        if (value.equals("ygg")) {
            throw new InvalidDeploymentException(field, field + " 'ygg' is reserved");
        }
        return value;
    }

    /** An immutable copy, null as empty; each element checked. */
    static <T> List<T> list(String field, List<T> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_ITEMS) {
            throw new InvalidDeploymentException(field, field + " holds more than " + MAX_ITEMS + " items");
        }
        for (T v : values) {
            if (v == null) {
                throw new InvalidDeploymentException(field, field + " holds a null item");
            }
        }
        return List.copyOf(values);
    }

    static List<String> texts(String field, List<String> values) {
        List<String> list = list(field, values);
        list.forEach(v -> text(field, v));
        return list;
    }

    /** Hex as Go's hex.DecodeString reads it (either case), written back lower case as Go's %x writes it. */
    static String hex(String field, String value) {
        String text = text(field, value);
        if (text.length() % 2 != 0) {
            throw new InvalidDeploymentException(field, field + " is not hex: odd length");
        }
        try {
            HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidDeploymentException(field, field + " is not hex");
        }
        return text.toLowerCase(Locale.ROOT);
    }
}
