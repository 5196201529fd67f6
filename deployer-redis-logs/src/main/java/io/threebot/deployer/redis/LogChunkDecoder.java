package io.threebot.deployer.redis;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Turns one published message into log lines. Older containers publish a text line per message; newer ones
 * publish gzip-compressed chunks of several lines, each message compressed on its own.
 */
public final class LogChunkDecoder {
    /** The most a chunk may grow to when decompressed, so a hostile message cannot exhaust memory. */
    static final int MAX_DECOMPRESSED = 4 * 1024 * 1024;

    private LogChunkDecoder() {
    }

    /**
     * @throws RedisLogsException when a gzip chunk is corrupt or too large
     */
    public static List<String> lines(byte[] message) {
        String text = isGzip(message) ? gunzip(message) : new String(message, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return List.of();
        }
        return text.lines().toList();
    }

    private static boolean isGzip(byte[] message) {
        return message.length >= 2 && (message[0] & 0xff) == 0x1f && (message[1] & 0xff) == 0x8b;
    }

    private static String gunzip(byte[] message) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(message))) {
            byte[] out = in.readNBytes(MAX_DECOMPRESSED + 1);
            if (out.length > MAX_DECOMPRESSED) {
                throw new RedisLogsException("a log chunk decompresses to more than " + MAX_DECOMPRESSED + " bytes");
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RedisLogsException("a gzip log chunk is corrupt: " + e.getMessage(), e);
        }
    }
}
