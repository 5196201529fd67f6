package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.errors.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of GraphQL the official clients send to the grid's indexer, parsed by hand: one operation (a
 * {@code query} with variable definitions, or the shorthand {@code { ... }}), fields with aliases, arguments and
 * selection sets; values of every kind (variables, numbers, strings, booleans, null, enums, lists, objects).
 * Fragments, directives, mutations and subscriptions are refused. Bounded: the text, the nesting and the number of
 * fields are limited, so a hostile query is an {@link InvalidInputException}, never a stack overflow or a hang.
 */
final class GraphqlQuery {
    static final int MAX_LENGTH = 64 * 1024;
    static final int MAX_DEPTH = 32;
    static final int MAX_FIELDS = 2000;

    /**
     * A selected field.
     *
     * @param alias      the name it is answered under
     * @param name       the field
     * @param arguments  its arguments, variables already replaced by their values
     * @param selections its sub-fields, empty for a scalar
     */
    record Field(String alias, String name, Map<String, Object> arguments, List<Field> selections) {
    }

    /** An enum value written without quotes (e.g. {@code Created}, {@code nodeID_ASC}). */
    record EnumLiteral(String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final String text;
    private final Map<String, Object> variables;
    private int pos;
    private int fields;

    private GraphqlQuery(String text, Map<String, Object> variables) {
        this.text = text;
        this.variables = variables;
    }

    /**
     * Parses a query.
     *
     * @param text      the query text
     * @param variables the request's variables (JSON values as Jackson reads them into plain Java)
     * @return the operation's top-level fields
     * @throws InvalidInputException when it does not parse or uses what is not supported
     */
    static List<Field> parse(String text, Map<String, Object> variables) {
        if (text.length() > MAX_LENGTH) {
            throw error("the query is longer than " + MAX_LENGTH + " characters");
        }
        GraphqlQuery parser = new GraphqlQuery(text, variables == null ? Map.of() : variables);
        return parser.document();
    }

    private static InvalidInputException error(String message) {
        return new InvalidInputException("query", message);
    }

    private List<Field> document() {
        skip();
        if (peek() != '{') {
            String keyword = name();
            if (!keyword.equals("query")) {
                throw error("only queries are supported, not " + keyword);
            }
            skip();
            if (Character.isLetter(peek()) || peek() == '_') {
                name();
                skip();
            }
            if (peek() == '(') {
                variableDefinitions();
            }
            skip();
            if (peek() == '@') {
                throw error("directives are not supported");
            }
        }
        List<Field> operation = selectionSet(0);
        skip();
        if (pos < text.length()) {
            throw error("only one operation is supported; unexpected '" + text.charAt(pos) + "' at " + pos);
        }
        return operation;
    }

    private void variableDefinitions() {
        expect('(');
        while (true) {
            skip();
            if (peek() == ')') {
                pos++;
                return;
            }
            expect('$');
            name();
            skip();
            expect(':');
            type();
            skip();
            if (peek() == '=') {
                pos++;
                value(0); // defaults: the clients always send their variables
            }
        }
    }

    private void type() {
        skip();
        if (peek() == '[') {
            pos++;
            type();
            skip();
            expect(']');
        } else {
            name();
        }
        skip();
        if (peek() == '!') {
            pos++;
        }
    }

    private List<Field> selectionSet(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("the query nests deeper than " + MAX_DEPTH);
        }
        skip();
        expect('{');
        List<Field> selections = new ArrayList<>();
        while (true) {
            skip();
            if (peek() == '}') {
                pos++;
                if (selections.isEmpty()) {
                    throw error("an empty selection at " + pos);
                }
                return selections;
            }
            if (text.startsWith("...", pos)) {
                throw error("fragments are not supported");
            }
            if (++fields > MAX_FIELDS) {
                throw error("the query selects more than " + MAX_FIELDS + " fields");
            }
            String alias = name();
            String name = alias;
            skip();
            if (peek() == ':') {
                pos++;
                skip();
                name = name();
                skip();
            }
            Map<String, Object> arguments = Map.of();
            if (peek() == '(') {
                arguments = arguments(depth);
                skip();
            }
            if (peek() == '@') {
                throw error("directives are not supported");
            }
            List<Field> sub = peek() == '{' ? selectionSet(depth + 1) : List.of();
            selections.add(new Field(alias, name, arguments, sub));
        }
    }

    private Map<String, Object> arguments(int depth) {
        return namedValues('(', ')', depth);
    }

    /** {@code name: value} pairs between two delimiters: a field's arguments or an object value. */
    private Map<String, Object> namedValues(char open, char close, int depth) {
        expect(open);
        Map<String, Object> values = new LinkedHashMap<>();
        while (true) {
            skip();
            if (peek() == close) {
                pos++;
                return values;
            }
            String name = name();
            skip();
            expect(':');
            values.put(name, value(depth + 1));
        }
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("a value nests deeper than " + MAX_DEPTH);
        }
        skip();
        char c = peek();
        if (c == '$') {
            pos++;
            String name = name();
            if (!variables.containsKey(name)) {
                throw error("variable $" + name + " is not given");
            }
            return variables.get(name);
        }
        if (c == '"') {
            return string();
        }
        if (c == '-' || Character.isDigit(c)) {
            return number();
        }
        if (c == '[') {
            pos++;
            List<Object> list = new ArrayList<>();
            while (true) {
                skip();
                if (peek() == ']') {
                    pos++;
                    return list;
                }
                list.add(value(depth + 1));
            }
        }
        if (c == '{') {
            return namedValues('{', '}', depth);
        }
        String word = name();
        return switch (word) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "null" -> null;
            default -> new EnumLiteral(word);
        };
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || ".eE+-".indexOf(text.charAt(pos)) >= 0)) {
            pos++;
        }
        String literal = text.substring(start, pos);
        try {
            return literal.matches("-?\\d+") ? new BigInteger(literal) : new BigDecimal(literal);
        } catch (NumberFormatException e) {
            throw error("not a number: " + literal);
        }
    }

    private String string() {
        expect('"');
        if (text.startsWith("\"\"", pos)) {
            throw error("block strings are not supported");
        }
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("a string is not closed");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\n') {
                throw error("a string runs past the end of its line");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("a string is not closed");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("a bad \\u escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("a bad \\u escape");
                    }
                    pos += 4;
                }
                default -> throw error("a bad escape \\" + e);
            }
        }
    }

    private String name() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos || Character.isDigit(text.charAt(start))) {
            throw error(pos < text.length() ? "unexpected '" + text.charAt(pos) + "' at " + pos
                    : "the query ends too early");
        }
        return text.substring(start, pos);
    }

    private void expect(char c) {
        skip();
        if (peek() != c) {
            throw error(pos < text.length() ? "expected '" + c + "' at " + pos + ", found '" + text.charAt(pos) + "'"
                    : "expected '" + c + "' but the query ends");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skip() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (Character.isWhitespace(c) || c == ',' || c == '\uFEFF') { // commas are insignificant
                pos++;
            } else {
                return;
            }
        }
    }
}
