package io.threebot.deployer.internal.crypto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a new recovery password must be: it protects a grid identity whose public key anyone can read, so it can be
 * attacked offline. At least {@value #MIN_LENGTH} characters, not one of a list of common passwords, not one
 * character repeated. Passwords of identities made before this policy still open them; it applies to new ones.
 */
public final class PasswordPolicy {
    /** The fewest characters a new recovery password has. */
    public static final int MIN_LENGTH = 10;
    private static final Set<String> COMMON = load();

    private PasswordPolicy() {
    }

    /** Why the password may not protect a new identity, or empty when it may. */
    public static Optional<String> problem(String password) {
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("Use at least " + MIN_LENGTH + " characters: anyone can try guesses against your "
                    + "3Bot's public key. A few unrelated words make a strong password that is easy to remember.");
        }
        String folded = password.toLowerCase(Locale.ROOT).replace(" ", "");
        if (COMMON.contains(folded) || folded.chars().distinct().count() == 1) {
            return Optional.of("This password is one of the most common ones and would be guessed first; choose "
                    + "another.");
        }
        return Optional.empty();
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing from the deployer's jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.replace(" ", "")).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
