package io.threebot.deployer.redis;

import java.util.ArrayList;
import java.util.Collections;
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

    /** Made for the first gzip chunk: a decoder that only ever sees text needs no inflater. */
    private Gunzip gunzip;

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
        return Collections.unmodifiableList(lines);
    }

    /**
     * Hands the lines of one message to {@code lines}, in order.
     *
     * @return how many lines it handed over
     * @throws RedisLogsException when a gzip chunk is corrupt or too large; then no line was handed over
     */
    int decode(byte[] message, Consumer<String> lines) {
        if (Gunzip.isGzip(message)) {
            if (gunzip == null) {
                gunzip = new Gunzip(MAX_DECOMPRESSED);
            }
            int length = gunzip.inflate(message);
            return Utf8Lines.split(gunzip.bytes(), length, lines);
        }
        return Utf8Lines.split(message, message.length, lines);
    }

    /** Frees the inflater's native memory. */
    @Override
    public void close() {
        if (gunzip != null) {
            gunzip.close();
        }
    }
}
