package io.threebot.deployer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class LogChunkDecoderTest {
    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void aTextMessageIsOneLine() {
        assertThat(LogChunkDecoder.lines("server started on :443".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("server started on :443");
        assertThat(LogChunkDecoder.lines(new byte[0])).isEmpty();
    }

    @Test
    void aGzipChunkIsSplitBackIntoItsLines() throws Exception {
        assertThat(LogChunkDecoder.lines(gzip("first\nsecond\r\nthird\n"))).containsExactly("first", "second", "third");
    }

    @Test
    void aCorruptOrHugeChunkIsRefused() throws Exception {
        byte[] chunk = gzip("line\n".repeat(100));
        byte[] truncated = Arrays.copyOf(chunk, chunk.length / 2);
        assertThatThrownBy(() -> LogChunkDecoder.lines(truncated)).isInstanceOf(RedisLogsException.class)
                .hasMessageContaining("corrupt");
        byte[] bomb = gzip("x".repeat(LogChunkDecoder.MAX_DECOMPRESSED + 10));
        assertThatThrownBy(() -> LogChunkDecoder.lines(bomb)).isInstanceOf(RedisLogsException.class)
                .hasMessageContaining("more than");
    }
}
