package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.errors.InvalidInputException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Answers parsed queries from the grid's entities as the indexer does: {@code <collection>(where, orderBy, limit,
 * offset)} and {@code <collection>Connection(where, orderBy) { totalCount }}. Filters: {@code field_eq},
 * {@code _not_eq}, {@code _in}, {@code _not_in}, {@code _gt}, {@code _gte}, {@code _lt}, {@code _lte},
 * {@code _contains}, {@code _not_contains}, {@code _containsInsensitive}, {@code _startsWith}, {@code _endsWith},
 * {@code _isNull}, nested objects ({@code farm: {farmID_eq: 1}}) and {@code AND}/{@code OR} lists. Anything else is an
 * {@link InvalidInputException} whose message names what was asked.
 */
final class GraphqlExecutor {
    private static final List<String> OPERATORS = List.of("_containsInsensitive", "_not_contains", "_startsWith",
            "_endsWith", "_not_eq", "_not_in", "_contains", "_isNull", "_gte", "_lte", "_eq", "_in", "_gt", "_lt");
    private static final Set<String> LIST_ARGUMENTS = Set.of("where", "orderBy", "limit", "offset");

    private final GridIndex index;

    GraphqlExecutor(GridIndex index) {
        this.index = index;
    }

    Map<String, Object> execute(List<GraphqlQuery.Field> operation) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (GraphqlQuery.Field field : operation) {
            data.put(field.alias(), root(field));
        }
        return data;
    }

    private Object root(GraphqlQuery.Field field) {
        if (field.name().equals("__typename")) {
            return "Query";
        }
        boolean connection = field.name().endsWith("Connection");
        String collection = connection ? field.name().substring(0, field.name().length() - "Connection".length())
                : field.name();
        String type = GraphqlEntities.TYPES.get(collection);
        if (type == null) {
            throw unsupported("field '" + field.name() + "' on Query");
        }
        for (String argument : field.arguments().keySet()) {
            if (!LIST_ARGUMENTS.contains(argument) || connection && !argument.equals("where")
                    && !argument.equals("orderBy")) {
                throw unsupported("argument '" + argument + "' of '" + field.name() + "'");
            }
        }
        List<Map<String, Object>> items = new ArrayList<>(GraphqlEntities.collection(collection, index));
        Object where = field.arguments().get("where");
        if (where != null) {
            Map<String, Object> condition = object(where, "where");
            items.removeIf(item -> !matches(item, condition, type));
        }
        if (connection) {
            Map<String, Object> answer = new LinkedHashMap<>();
            for (GraphqlQuery.Field sub : field.selections()) {
                switch (sub.name()) {
                    case "totalCount" -> answer.put(sub.alias(), items.size());
                    case "__typename" -> answer.put(sub.alias(), type + "sConnection");
                    default -> throw unsupported("field '" + sub.name() + "' on " + type + "sConnection");
                }
            }
            return answer;
        }
        Object orderBy = field.arguments().get("orderBy");
        if (orderBy != null) {
            items.sort(order(orderBy, type));
        }
        int offset = count(field.arguments().get("offset"), "offset", 0);
        int limit = count(field.arguments().get("limit"), "limit", Integer.MAX_VALUE);
        List<Object> answer = new ArrayList<>();
        for (int i = offset; i < items.size() && answer.size() < limit; i++) {
            answer.add(project(items.get(i), field.selections(), type));
        }
        return answer;
    }

    private static InvalidInputException unsupported(String what) {
        return new InvalidInputException("query", "the local grid's GraphQL does not support " + what);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new InvalidInputException("query", what + " is not an object: " + value);
    }

    private static int count(Object value, String what, int absent) {
        if (value == null) {
            return absent;
        }
        if (value instanceof Number n && n.longValue() >= 0) {
            return (int) Math.min(Integer.MAX_VALUE, n.longValue());
        }
        throw new InvalidInputException("query", what + " is not a non-negative integer: " + value);
    }

    private boolean matches(Map<String, Object> item, Map<String, Object> condition, String type) {
        for (Map.Entry<String, Object> entry : condition.entrySet()) {
            String key = entry.getKey();
            Object expected = entry.getValue();
            if (key.equals("AND") || key.equals("OR")) {
                List<Map<String, Object>> parts = new ArrayList<>();
                if (expected instanceof Collection<?> list) {
                    list.forEach(p -> parts.add(object(p, key)));
                } else {
                    parts.add(object(expected, key));
                }
                boolean ok = key.equals("AND") ? parts.stream().allMatch(p -> matches(item, p, type))
                        : parts.stream().anyMatch(p -> matches(item, p, type));
                if (!ok) {
                    return false;
                }
                continue;
            }
            String operator = OPERATORS.stream().filter(key::endsWith).findFirst().orElse("");
            String field = key.substring(0, key.length() - operator.length());
            if (!item.containsKey(field) || field.equals("__typename")) {
                throw unsupported("filter '" + key + "' on " + type + " (no field '" + field + "')");
            }
            Object actual = item.get(field);
            if (operator.isEmpty()) {
                if (actual == null) {
                    return false; // an absent object matches no condition on its fields
                }
                if (!(actual instanceof Map<?, ?>)) {
                    throw unsupported("filter '" + key + "' on " + type);
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) actual;
                if (!matches(nested, object(expected, key), GraphqlEntities.typeOf(nested).orElse(field))) {
                    return false;
                }
            } else if (!test(actual, operator, expected, key)) {
                return false;
            }
        }
        return true;
    }

    private static boolean test(Object actual, String operator, Object expected, String key) {
        return switch (operator) {
            case "_eq" -> same(actual, expected);
            case "_not_eq" -> !same(actual, expected);
            case "_in", "_not_in" -> {
                if (!(expected instanceof Collection<?> list)) {
                    throw new InvalidInputException("query", key + " takes a list: " + expected);
                }
                boolean in = list.stream().anyMatch(e -> same(actual, e));
                yield operator.equals("_in") == in;
            }
            case "_gt" -> compare(actual, expected, key) > 0;
            case "_gte" -> compare(actual, expected, key) >= 0;
            case "_lt" -> compare(actual, expected, key) < 0;
            case "_lte" -> compare(actual, expected, key) <= 0;
            case "_contains" -> actual != null && actual.toString().contains(text(expected));
            case "_not_contains" -> actual == null || !actual.toString().contains(text(expected));
            case "_containsInsensitive" -> actual != null && actual.toString().toLowerCase(Locale.ROOT)
                    .contains(text(expected).toLowerCase(Locale.ROOT));
            case "_startsWith" -> actual != null && actual.toString().startsWith(text(expected));
            case "_endsWith" -> actual != null && actual.toString().endsWith(text(expected));
            case "_isNull" -> (actual == null) == Boolean.TRUE.equals(expected);
            default -> throw new IllegalStateException(operator);
        };
    }

    private static String text(Object value) {
        return String.valueOf(value);
    }

    private static BigDecimal decimal(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Map || value instanceof Collection) {
            return null;
        }
        try {
            return new BigDecimal(value.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean same(Object actual, Object expected) {
        if (actual == null || expected == null) {
            return actual == expected;
        }
        BigDecimal a = decimal(actual);
        BigDecimal b = decimal(expected);
        if (a != null && b != null) {
            return a.compareTo(b) == 0;
        }
        return actual.toString().equals(expected.toString());
    }

    private static int compare(Object actual, Object expected, String key) {
        BigDecimal a = decimal(actual);
        BigDecimal b = decimal(expected);
        if (a != null && b != null) {
            return a.compareTo(b);
        }
        if (actual == null || expected == null) {
            throw new InvalidInputException("query", key + " compares with null");
        }
        return actual.toString().compareTo(expected.toString());
    }

    private Comparator<Map<String, Object>> order(Object orderBy, String type) {
        List<Object> keys = orderBy instanceof Collection<?> list ? new ArrayList<>(list) : List.of(orderBy);
        Comparator<Map<String, Object>> order = (a, b) -> 0;
        for (Object key : keys) {
            String text = String.valueOf(key);
            boolean descending = text.endsWith("_DESC") || text.endsWith("_DESC_NULLS_LAST")
                    || text.endsWith("_DESC_NULLS_FIRST");
            int cut = text.lastIndexOf(descending ? "_DESC" : "_ASC");
            if (cut <= 0) {
                throw unsupported("orderBy '" + text + "' on " + type);
            }
            String field = text.substring(0, cut);
            Comparator<Map<String, Object>> one = (a, b) -> {
                if (!a.containsKey(field)) {
                    throw unsupported("orderBy '" + text + "' on " + type + " (no field '" + field + "')");
                }
                Object x = a.get(field);
                Object y = b.get(field);
                if (x == null || y == null) {
                    return x == y ? 0 : x == null ? -1 : 1;
                }
                return compare(x, y, text);
            };
            order = order.thenComparing(descending ? one.reversed() : one);
        }
        return order;
    }

    private Object project(Object value, List<GraphqlQuery.Field> selections, String type) {
        if (value instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(project(v, selections, type)));
            return out;
        }
        if (!(value instanceof Map<?, ?>)) {
            return value;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> entity = (Map<String, Object>) value;
        String entityType = GraphqlEntities.typeOf(entity).orElse(type);
        if (selections.isEmpty()) {
            throw unsupported("an object field of " + entityType + " without a selection");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (GraphqlQuery.Field field : selections) {
            if (!entity.containsKey(field.name())) {
                throw unsupported("field '" + field.name() + "' on " + entityType);
            }
            if (!field.arguments().isEmpty()) {
                throw unsupported("arguments on '" + field.name() + "' of " + entityType);
            }
            Object sub = entity.get(field.name());
            boolean objectValued = sub instanceof Map<?, ?> || sub instanceof Collection<?>;
            if (!objectValued && !field.selections().isEmpty() && sub != null) {
                throw unsupported("a selection on scalar '" + field.name() + "' of " + entityType);
            }
            out.put(field.alias(), sub == null ? null : project(sub, field.selections(), entityType));
        }
        return out;
    }
}
