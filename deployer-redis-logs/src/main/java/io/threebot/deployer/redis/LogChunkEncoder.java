package io.threebot.deployer.redis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Makes the gzip chunks newer containers publish, for tools and tests that stand in for a container. */
public final class LogChunkEncoder {
    private LogChunkEncoder() {
    }

    /** One message holding {@code lines} (line breaks included), gzip-compressed. */
    public static byte[] gzip(String lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(lines.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
