package io.threebot.deployer.explorer;

import java.io.ByteArrayOutputStream;

/** Python's {@code base64.b85encode}: the RFC 1924 alphabet, zero padding dropped from the output. */
final class Base85 {
    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~".toCharArray();
    private static final int[] INDEX = new int[128];

    static {
        java.util.Arrays.fill(INDEX, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            INDEX[ALPHABET[i]] = i;
        }
    }

    private Base85() {
    }

    static String encode(byte[] data) {
        int padding = (4 - data.length % 4) % 4;
        byte[] padded = java.util.Arrays.copyOf(data, data.length + padding);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < padded.length; i += 4) {
            long word = ((padded[i] & 0xffL) << 24) | ((padded[i + 1] & 0xffL) << 16) | ((padded[i + 2] & 0xffL) << 8)
                    | (padded[i + 3] & 0xffL);
            char[] chunk = new char[5];
            for (int j = 4; j >= 0; j--) {
                chunk[j] = ALPHABET[(int) (word % 85)];
                word /= 85;
            }
            out.append(chunk);
        }
        return out.substring(0, out.length() - padding);
    }

    static byte[] decode(String text) {
        int padding = (5 - text.length() % 5) % 5;
        StringBuilder padded = new StringBuilder(text);
        padded.append("~".repeat(padding));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < padded.length(); i += 5) {
            long word = 0;
            for (int j = 0; j < 5; j++) {
                char c = padded.charAt(i + j);
                int value = c < 128 ? INDEX[c] : -1;
                if (value < 0) {
                    throw new IllegalArgumentException("not base85: '" + c + "'");
                }
                word = word * 85 + value;
            }
            if (word > 0xffffffffL) {
                throw new IllegalArgumentException("base85 group out of range");
            }
            out.write((int) (word >>> 24));
            out.write((int) (word >>> 16));
            out.write((int) (word >>> 8));
            out.write((int) word);
        }
        byte[] bytes = out.toByteArray();
        return java.util.Arrays.copyOf(bytes, bytes.length - padding);
    }
}
