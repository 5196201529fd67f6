package io.threebot.deployer.redis;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits UTF-8 text into {@code String} lines as {@link String#lines()} splits the decoded text (at {@code \n},
 * {@code \r\n} or {@code \r}; no empty last line), without decoding the text whole first: in UTF-8 a line break
 * byte is never part of a multi-byte sequence, so each line decodes on its own to the same characters. It looks
 * for line breaks eight bytes at a time.
 */
final class Utf8Lines {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LF = ONES * '\n';
    private static final long CR = ONES * '\r';

    private Utf8Lines() {
    }

    /**
     * Hands the lines of {@code text[0..length)} to {@code lines}, in order.
     *
     * @return how many lines it handed over
     */
    static int split(byte[] text, int length, Consumer<String> lines) {
        int count = 0;
        int start = 0;
        while (start < length) {
            int end = lineBreak(text, start, length);
            lines.accept(new String(text, start, end - start, StandardCharsets.UTF_8));
            count++;
            start = end + 1;
            if (end < length && text[end] == '\r' && start < length && text[start] == '\n') {
                start++;
            }
        }
        return count;
    }

    /** The index of the first {@code \n} or {@code \r} in {@code text[from..to)}, or {@code to}. */
    static int lineBreak(byte[] text, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(text, i);
            long found = zeroBytes(word ^ LF) | zeroBytes(word ^ CR);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (text[i] == '\n' || text[i] == '\r') {
                return i;
            }
        }
        return to;
    }

    /**
     * The high bit set in the lowest zero byte of {@code word} (and maybe in higher bytes after it, which a borrow
     * can mark falsely; the lowest mark is always right).
     */
    private static long zeroBytes(long word) {
        return (word - ONES) & ~word & HIGHS;
    }
}
