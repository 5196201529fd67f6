package io.threebot.deployer.internal.chat;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The usual rules for answers. */
public final class Rules {
    /** Lower-case letters, then letters or digits: the original's {@code is_identifier}. */
    public static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9]*");
    /** At most 18 ASCII digits, so that the value always fits a long; no plus sign, no other digits. */
    private static final Pattern ASCII_INTEGER = Pattern.compile("-?[0-9]{1,18}");

    private Rules() {
    }

    public static Rule required() {
        return (answer, ctx) -> answer.isBlank() ? Optional.of("This field is required.") : Optional.empty();
    }

    public static Rule minLength(int min) {
        return (answer, ctx) -> !answer.isEmpty() && answer.codePointCount(0, answer.length()) < min
                ? Optional.of("Use at least " + min + " characters.") : Optional.empty();
    }

    public static Rule maxLength(int max) {
        return (answer, ctx) -> answer.codePointCount(0, answer.length()) > max
                ? Optional.of("Use at most " + max + " characters.") : Optional.empty();
    }

    public static Rule identifier() {
        return (answer, ctx) -> !answer.isEmpty() && !IDENTIFIER.matcher(answer).matches()
                ? Optional.of("Use lowercase letters and digits only, starting with a letter.")
                : Optional.empty();
    }

    /** The answer must not be one of the values the function gives for this session. */
    public static Rule notIn(String label, Function<FlowContext, Collection<String>> taken) {
        return (answer, ctx) -> taken.apply(ctx).contains(answer)
                ? Optional.of("'" + answer + "' is already one of your " + label + "; choose another.")
                : Optional.empty();
    }

    /** A whole number in the range, written in ASCII digits (a leading minus allowed when the range has negatives). */
    public static Rule integer(long min, long max) {
        String problem = "Enter a whole number from " + min + " to " + max + ", in digits 0-9.";
        return (answer, ctx) -> {
            if (answer.isEmpty()) {
                return Optional.empty();
            }
            String digits = answer.strip();
            if (!ASCII_INTEGER.matcher(digits).matches()) {
                return Optional.of(problem);
            }
            long value = Long.parseLong(digits);
            return value < min || value > max ? Optional.of(problem) : Optional.empty();
        };
    }
}
