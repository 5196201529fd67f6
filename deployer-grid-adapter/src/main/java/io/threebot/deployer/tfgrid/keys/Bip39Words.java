package io.threebot.deployer.tfgrid.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** The BIP39 English word list, loaded once from the resource beside this class and checked. */
final class Bip39Words {
    static final int COUNT = 2048;
    private static final String[] WORDS = load();

    private Bip39Words() {
    }

    /** The index of a word, or -1 when it is not in the list. */
    static int indexOf(String word) {
        int index = Arrays.binarySearch(WORDS, word);
        return index >= 0 ? index : -1;
    }

    static String word(int index) {
        return WORDS[index];
    }

    static List<String> all() {
        return List.of(WORDS);
    }

    private static String[] load() {
        try (InputStream in = Bip39Words.class.getResourceAsStream("bip39-english.txt")) {
            if (in == null) {
                throw new IllegalStateException("bip39-english.txt is missing from the class path");
            }
            String[] words = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            if (words.length != COUNT) {
                throw new IllegalStateException("bip39-english.txt has " + words.length + " words, not " + COUNT);
            }
            for (int i = 1; i < words.length; i++) {
                if (words[i - 1].compareTo(words[i]) >= 0 || !words[i].matches("[a-z]{3,8}")) {
                    throw new IllegalStateException("bip39-english.txt is not the sorted English list at line " + i);
                }
            }
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
