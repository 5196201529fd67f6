package io.threebot.deployer.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns one published message into log lines. Older containers publish a text line per message; newer ones
 * publish gzip-compressed chunks of several lines, each message compressed on its own. Lines end at {@code \n},
 * {@code \r\n} or {@code \r}, as {@link String#lines()} splits them; a chunk yields its lines only once all of it
 * decompressed and checked out, so a corrupt chunk yields none.
 *
 * <p>An instance decodes messages one after another on one thread, reusing its inflater and buffers; close it
 * to free the inflater. {@link #lines(byte[])} decodes a single message.
 */
public final class LogChunkDecoder implements AutoCloseable {
    /** The most a chunk may grow to when decompressed, so a hostile message cannot exhaust memory. */
    static final int MAX_DECOMPRESSED = 4 * 1024 * 1024;

    private final Gunzip gunzip = new Gunzip(MAX_DECOMPRESSED);

    LogChunkDecoder() {
    }

    /**
     * The lines of one message.
     *
     * @throws RedisLogsException when a gzip chunk is corrupt or too large
     */
    public static List<String> lines(byte[] message) {
        List<String> lines = new ArrayList<>();
        try (LogChunkDecoder decoder = new LogChunkDecoder()) {
            decoder.decode(message, lines::add);
        }
        return lines;
    }

    /**
     * Hands the lines of one message to {@code lines}, in order.
     *
     * @return how many lines it handed over
     * @throws RedisLogsException when a gzip chunk is corrupt or too large; then no line was handed over
     */
    int decode(byte[] message, Consumer<String> lines) {
        if (Gunzip.isGzip(message)) {
            int length = gunzip.inflate(message);
            return split(gunzip.bytes(), length, lines);
        }
        return split(message, message.length, lines);
    }

    /**
     * Splits UTF-8 text into lines without decoding it whole first: in UTF-8 a line break byte is never part of a
     * multi-byte sequence, so each line decodes on its own to what decoding the whole text would give.
     */
    private static int split(byte[] text, int length, Consumer<String> lines) {
        int count = 0;
        int start = 0;
        for (int i = 0; i < length; i++) {
            byte b = text[i];
            if (b == '\n' || b == '\r') {
                lines.accept(new String(text, start, i - start, StandardCharsets.UTF_8));
                count++;
                if (b == '\r' && i + 1 < length && text[i + 1] == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < length) {
            lines.accept(new String(text, start, length - start, StandardCharsets.UTF_8));
            count++;
        }
        return count;
    }

    /** Frees the inflater's native memory. */
    @Override
    public void close() {
        gunzip.close();
    }
}
