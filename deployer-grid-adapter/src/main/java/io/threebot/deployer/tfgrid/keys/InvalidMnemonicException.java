package io.threebot.deployer.tfgrid.keys;

import io.threebot.deployer.errors.InvalidInputException;
import java.util.OptionalInt;

/**
 * A phrase that is not a valid BIP39 English mnemonic. {@link #problem()} says what is wrong; the message never
 * repeats the phrase or any word of it.
 */
public final class InvalidMnemonicException extends InvalidInputException {
    /** What is wrong with the phrase. */
    public enum Problem {
        /** Not 12, 15, 18, 21 or 24 words. */
        WORD_COUNT,
        /** A word that is not in the English list; {@link #wordPosition()} says which. */
        UNKNOWN_WORD,
        /** Every word is known but the checksum bits do not match the entropy: a word was mistyped or moved. */
        CHECKSUM
    }

    private final Problem problem;
    private final int wordPosition;

    InvalidMnemonicException(Problem problem, int wordPosition, String message) {
        super("mnemonic", message);
        this.problem = problem;
        this.wordPosition = wordPosition;
    }

    /** What is wrong. */
    public Problem problem() {
        return problem;
    }

    /** For {@link Problem#UNKNOWN_WORD}: the 1-based position of the first unknown word. */
    public OptionalInt wordPosition() {
        return wordPosition > 0 ? OptionalInt.of(wordPosition) : OptionalInt.empty();
    }
}
