package io.threebot.deployer.internal.chat;

import io.threebot.deployer.chat.Category;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A question (or a message the user acknowledges). Its rules and handler run on the server; a refused answer
 * re-asks the same question with the reason and changes nothing.
 *
 * @param key      where the answer is kept
 * @param text     the markdown shown, computed from the session
 * @param options  the choices, for choice kinds
 * @param required false when an empty answer is acceptable
 * @param hints    extra wire kwargs for web clients (e.g. {@code max_length}); computed from the session
 * @param secretHints the hints that carry secrets: sealed while the message is kept at rest
 */
public record Question(String key, Category kind, Function<FlowContext, String> text,
                       Function<FlowContext, List<String>> options, Function<FlowContext, Optional<String>> defaultValue,
                       boolean required, List<Rule> rules, AnswerHandler handler,
                       Function<FlowContext, Map<String, Object>> hints, Predicate<FlowContext> when,
                       Set<String> secretHints)
        implements Slide {
    public Question {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        if (!kind.asks()) {
            throw new IllegalArgumentException(kind + " does not ask anything");
        }
        Objects.requireNonNull(text, "text");
        rules = List.copyOf(rules);
        secretHints = secretHints == null ? Set.of() : Set.copyOf(secretHints);
    }

    /** True for questions whose answer is a secret, kept sealed and never shown again. */
    public boolean secret() {
        return kind == Category.SECRET_ASK;
    }

    /** True for kinds whose answer must be one of the options. */
    public boolean choice() {
        return kind == Category.SINGLE_CHOICE || kind == Category.DROP_DOWN_CHOICE;
    }

    /** True for messages that only wait for "Next". */
    public boolean acknowledgement() {
        return kind == Category.MD_SHOW || kind == Category.DOWNLOAD_FILE || kind == Category.CONFIRM
                || kind == Category.QRCODE_SHOW;
    }

    public static Builder builder(String key, Category kind) {
        return new Builder(key, kind);
    }

    /** Builds a {@link Question}. */
    public static final class Builder {
        private final String key;
        private final Category kind;
        private Function<FlowContext, String> text = ctx -> "";
        private Function<FlowContext, List<String>> options = ctx -> List.of();
        private Function<FlowContext, Optional<String>> defaultValue = ctx -> Optional.empty();
        private boolean required;
        private final List<Rule> rules = new ArrayList<>();
        private final Map<String, Object> staticHints = new LinkedHashMap<>();
        private Function<FlowContext, Map<String, Object>> hints = ctx -> Map.of();
        private AnswerHandler handler = (answer, state) -> Optional.empty();
        private Predicate<FlowContext> when = ctx -> true;
        private final Set<String> secretHints = new java.util.HashSet<>();

        private Builder(String key, Category kind) {
            this.key = key;
            this.kind = kind;
        }

        public Builder text(String markdown) {
            this.text = ctx -> markdown;
            return this;
        }

        public Builder text(Function<FlowContext, String> markdown) {
            this.text = markdown;
            return this;
        }

        public Builder options(List<String> choices) {
            List<String> copy = List.copyOf(choices);
            this.options = ctx -> copy;
            return this;
        }

        public Builder options(Function<FlowContext, List<String>> choices) {
            this.options = choices;
            return this;
        }

        public Builder defaultValue(String value) {
            this.defaultValue = ctx -> Optional.of(value);
            return this;
        }

        public Builder defaultValue(Function<FlowContext, Optional<String>> value) {
            this.defaultValue = value;
            return this;
        }

        public Builder required() {
            this.required = true;
            rules.add(0, Rules.required());
            staticHints.put("required", true);
            return this;
        }

        public Builder minLength(int min) {
            rules.add(Rules.minLength(min));
            staticHints.put("min_length", min);
            return this;
        }

        public Builder maxLength(int max) {
            rules.add(Rules.maxLength(max));
            staticHints.put("max_length", max);
            return this;
        }

        public Builder identifier() {
            rules.add(Rules.identifier());
            staticHints.put("is_identifier", true);
            return this;
        }

        public Builder rule(Rule rule) {
            rules.add(rule);
            return this;
        }

        public Builder hint(String name, Object value) {
            staticHints.put(name, value);
            return this;
        }

        public Builder hints(Function<FlowContext, Map<String, Object>> computed) {
            this.hints = computed;
            return this;
        }

        /** Marks a hint as a secret: it is shown to the user but sealed wherever the message is stored. */
        public Builder secretHint(String name) {
            secretHints.add(name);
            return this;
        }

        public Builder onAnswer(AnswerHandler answerHandler) {
            this.handler = answerHandler;
            return this;
        }

        public Builder onlyWhen(Predicate<FlowContext> condition) {
            this.when = condition;
            return this;
        }

        public Question build() {
            Map<String, Object> fixed = Map.copyOf(staticHints);
            Function<FlowContext, Map<String, Object>> computed = hints;
            Function<FlowContext, Map<String, Object>> all = ctx -> {
                Map<String, Object> merged = new LinkedHashMap<>(fixed);
                merged.putAll(computed.apply(ctx));
                return merged;
            };
            return new Question(key, kind, text, options, defaultValue, required, rules, handler, all, when,
                    secretHints);
        }
    }
}
