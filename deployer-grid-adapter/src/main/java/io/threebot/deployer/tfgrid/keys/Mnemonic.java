package io.threebot.deployer.tfgrid.keys;

import io.threebot.deployer.errors.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * A BIP39 mnemonic in the English word list: 12, 15, 18, 21 or 24 words carrying 128 to 256 bits of entropy and a
 * checksum. A parsed phrase has every word in the list and a matching checksum.
 *
 * <p>Substrate (and so tfchain) derives keys from the <em>entropy</em>, not from the BIP39 seed:
 * {@link #miniSecret(String)} is PBKDF2-HMAC-SHA512 over the entropy, salt {@code "mnemonic" + password}, 2048
 * rounds, first 32 bytes (paritytech {@code substrate-bip39}; {@code mnemonicToMiniSecret} in
 * {@code @polkadot/util-crypto}). The mini-secret is the ed25519 seed of {@link Ed25519KeyPair#fromMnemonic}.
 *
 * <p>{@link #toString()} shows only the word count: the phrase is a secret.
 */
public final class Mnemonic {
    private static final int ROUNDS = 2048;

    private final byte[] entropy;
    private final List<String> words;

    private Mnemonic(byte[] entropy, List<String> words) {
        this.entropy = entropy;
        this.words = words;
    }

    /**
     * Reads a phrase: words separated by white space (Unicode NFKD-normalised first, as BIP39 says), each in the
     * English list, lower case.
     *
     * @throws InvalidMnemonicException with {@link InvalidMnemonicException.Problem#WORD_COUNT},
     *                                  {@code UNKNOWN_WORD} or {@code CHECKSUM}
     */
    public static Mnemonic parse(String phrase) {
        Objects.requireNonNull(phrase, "phrase");
        String normalized = Normalizer.normalize(phrase, Normalizer.Form.NFKD).strip();
        String[] parts = normalized.isEmpty() ? new String[0] : normalized.split("\\s+");
        int count = parts.length;
        if (count < 12 || count > 24 || count % 3 != 0) {
            throw new InvalidMnemonicException(InvalidMnemonicException.Problem.WORD_COUNT, 0,
                    "a mnemonic has 12, 15, 18, 21 or 24 words, this one has " + count);
        }
        int bits = count * 11;
        byte[] packed = new byte[(bits + 7) / 8];
        for (int i = 0; i < count; i++) {
            int index = Bip39Words.indexOf(parts[i]);
            if (index < 0) {
                throw new InvalidMnemonicException(InvalidMnemonicException.Problem.UNKNOWN_WORD, i + 1,
                        "word " + (i + 1) + " of the mnemonic is not in the BIP39 English word list");
            }
            for (int b = 0; b < 11; b++) {
                if ((index & (1 << (10 - b))) != 0) {
                    int bit = i * 11 + b;
                    packed[bit / 8] |= (byte) (0x80 >>> (bit % 8));
                }
            }
        }
        int checksumBits = count / 3;
        byte[] entropy = Arrays.copyOf(packed, (bits - checksumBits) / 8);
        int expected = checksum(entropy, checksumBits);
        int actual = 0;
        for (int b = 0; b < checksumBits; b++) {
            int bit = entropy.length * 8 + b;
            actual = (actual << 1) | ((packed[bit / 8] >>> (7 - bit % 8)) & 1);
        }
        if (expected != actual) {
            throw new InvalidMnemonicException(InvalidMnemonicException.Problem.CHECKSUM, 0,
                    "the mnemonic's checksum does not match: a word is mistyped or out of place");
        }
        return new Mnemonic(entropy, List.of(parts));
    }

    /** Whether {@link #parse} would accept the phrase. */
    public static boolean isValid(String phrase) {
        try {
            parse(phrase);
            return true;
        } catch (InvalidMnemonicException e) {
            return false;
        }
    }

    /**
     * The mnemonic of the given entropy: 16, 20, 24, 28 or 32 bytes.
     *
     * @throws InvalidInputException for another length
     */
    public static Mnemonic fromEntropy(byte[] entropy) {
        Objects.requireNonNull(entropy, "entropy");
        if (entropy.length < 16 || entropy.length > 32 || entropy.length % 4 != 0) {
            throw new InvalidInputException("entropy", "BIP39 entropy is 16, 20, 24, 28 or 32 bytes, not "
                    + entropy.length);
        }
        byte[] copy = entropy.clone();
        int checksumBits = copy.length / 4;
        int count = (copy.length * 8 + checksumBits) / 11;
        int checksum = checksum(copy, checksumBits);
        List<String> words = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = 0;
            for (int b = 0; b < 11; b++) {
                int bit = i * 11 + b;
                int value = bit < copy.length * 8
                        ? (copy[bit / 8] >>> (7 - bit % 8)) & 1
                        : (checksum >>> (checksumBits - 1 - (bit - copy.length * 8))) & 1;
                index = (index << 1) | value;
            }
            words.add(Bip39Words.word(index));
        }
        return new Mnemonic(copy, List.copyOf(words));
    }

    /**
     * A new mnemonic of {@code wordCount} words (12, 15, 18, 21 or 24) from the given source of randomness.
     *
     * @throws InvalidInputException for another count
     */
    public static Mnemonic generate(int wordCount, SecureRandom random) {
        if (wordCount < 12 || wordCount > 24 || wordCount % 3 != 0) {
            throw new InvalidInputException("wordCount", "a mnemonic has 12, 15, 18, 21 or 24 words");
        }
        byte[] entropy = new byte[wordCount / 3 * 4];
        random.nextBytes(entropy);
        return fromEntropy(entropy);
    }

    /** The words, in order. */
    public List<String> words() {
        return words;
    }

    /** The words joined by single spaces. */
    public String phrase() {
        return String.join(" ", words);
    }

    /** The entropy the words encode (16 to 32 bytes); a copy. */
    public byte[] entropy() {
        return entropy.clone();
    }

    /**
     * Substrate's mini-secret: PBKDF2-HMAC-SHA512 over the entropy with salt {@code "mnemonic" + password} (UTF-8),
     * 2048 rounds, the first 32 bytes. The password is taken as given (no normalisation), as
     * {@code @polkadot/util-crypto} and {@code substrate-bip39} take it; the empty password is the usual one.
     */
    public byte[] miniSecret(String password) {
        Objects.requireNonNull(password, "password");
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA512Digest());
        generator.init(entropy, ("mnemonic" + password).getBytes(StandardCharsets.UTF_8), ROUNDS);
        byte[] derived = ((KeyParameter) generator.generateDerivedMacParameters(512)).getKey();
        return Arrays.copyOf(derived, 32);
    }

    /** Two mnemonics are equal when their words are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Mnemonic m && m.words.equals(words);
    }

    @Override
    public int hashCode() {
        return words.hashCode();
    }

    /** Only the word count: the phrase is a secret. */
    @Override
    public String toString() {
        return "Mnemonic[" + words.size() + " words]";
    }

    private static int checksum(byte[] entropy, int bits) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(entropy);
            return (hash[0] & 0xff) >>> (8 - bits);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
