package io.threebot.deployer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
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

    /** What the JDK makes of a message: the whole of it gunzipped (if gzip) and split by {@link String#lines()}. */
    private static List<String> jdkLines(byte[] message) throws IOException {
        byte[] text = message;
        if (message.length >= 2 && (message[0] & 0xff) == 0x1f && (message[1] & 0xff) == 0x8b) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(message))) {
                text = in.readAllBytes();
            }
        }
        return new String(text, StandardCharsets.UTF_8).lines().toList();
    }

    private static List<String> decode(LogChunkDecoder decoder, byte[] message) {
        List<String> lines = new ArrayList<>();
        int count = decoder.decode(message, lines::add);
        assertThat(count).isEqualTo(lines.size());
        return lines;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
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
    void aChunksLastLineNeedsNoLineBreakAndAnEmptyChunkHasNoLines() throws Exception {
        assertThat(LogChunkDecoder.lines(gzip("first\nlast without a break"))).containsExactly("first",
                "last without a break");
        assertThat(LogChunkDecoder.lines(gzip(""))).isEmpty();
        assertThat(LogChunkDecoder.lines(gzip("\n"))).containsExactly("");
        assertThat(LogChunkDecoder.lines(gzip("a\n\n\rb\r"))).containsExactly("a", "", "", "b");
    }

    @Test
    void linesAreSplitAsStringLinesSplitsTheWholeText() throws Exception {
        String[] pieces = {"a", "log line", "a longer piece of a log line", "é", "日本語", "🚀", " ", "\n", "\r", "\r\n",
                "\n\n", ""};
        Random random = new Random(42);
        try (LogChunkDecoder decoder = new LogChunkDecoder()) {
            for (int i = 0; i < 500; i++) {
                StringBuilder text = new StringBuilder();
                for (int j = random.nextInt(20); j > 0; j--) {
                    text.append(pieces[random.nextInt(pieces.length)]);
                }
                byte[] plain = text.toString().getBytes(StandardCharsets.UTF_8);
                if (!Gunzip.isGzip(plain)) {
                    assertThat(decode(decoder, plain)).as("text %s", text).isEqualTo(jdkLines(plain));
                }
                assertThat(decode(decoder, gzip(text.toString()))).as("chunk of %s", text)
                        .isEqualTo(jdkLines(gzip(text.toString())));
            }
        }
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

    @Test
    void aChunkFailingItsChecksIsCorruptAndYieldsNoLine() throws Exception {
        byte[] chunk = gzip("first\nsecond\n");
        byte[] wrongCrc = chunk.clone();
        wrongCrc[chunk.length - 8] ^= 1;
        byte[] wrongLength = chunk.clone();
        wrongLength[chunk.length - 4] ^= 1;
        byte[] noTrailer = Arrays.copyOf(chunk, chunk.length - 3);
        byte[] headerOnly = Arrays.copyOf(chunk, 10);
        byte[] notDeflate = chunk.clone();
        notDeflate[2] = 7;
        try (LogChunkDecoder decoder = new LogChunkDecoder()) {
            for (byte[] corrupt : List.of(wrongCrc, wrongLength, noTrailer, headerOnly, notDeflate,
                    new byte[] {0x1f, (byte) 0x8b, 1, 2, 3})) {
                List<String> lines = new ArrayList<>();
                assertThatThrownBy(() -> decoder.decode(corrupt, lines::add)).isInstanceOf(RedisLogsException.class)
                        .hasMessageContaining("corrupt");
                assertThatThrownBy(() -> jdkLines(corrupt)).isInstanceOf(IOException.class);
                assertThat(lines).isEmpty();
            }
        }
    }

    @Test
    void oneDecoderKeepsDecodingAfterACorruptAHugeAndALargeChunk() throws Exception {
        String large = "a line of a large chunk\n".repeat(10_000);
        try (LogChunkDecoder decoder = new LogChunkDecoder()) {
            assertThat(decode(decoder, gzip("one\ntwo\n"))).containsExactly("one", "two");
            byte[] truncated = gzip("line\n".repeat(100));
            assertThatThrownBy(() -> decode(decoder, Arrays.copyOf(truncated, truncated.length / 2)))
                    .isInstanceOf(RedisLogsException.class);
            assertThat(decode(decoder, gzip("three\n"))).containsExactly("three");
            assertThatThrownBy(() -> decode(decoder, gzip("x".repeat(LogChunkDecoder.MAX_DECOMPRESSED + 1))))
                    .isInstanceOf(RedisLogsException.class).hasMessageContaining("more than");
            assertThat(decode(decoder, gzip(large))).hasSize(10_000).containsOnly("a line of a large chunk");
            assertThat(decode(decoder, gzip("four"))).containsExactly("four");
            assertThat(decode(decoder, "five".getBytes(StandardCharsets.UTF_8))).containsExactly("five");
        }
    }

    @Test
    void aChunkMayDecompressToExactlyTheLimit() throws Exception {
        byte[] full = gzip("x".repeat(LogChunkDecoder.MAX_DECOMPRESSED - 1) + "\n");
        assertThat(LogChunkDecoder.lines(full)).singleElement().asString()
                .hasSize(LogChunkDecoder.MAX_DECOMPRESSED - 1);
    }

    @Test
    void optionalHeaderFieldsSeveralMembersAndTrailingBytesAreReadAsGzipInputStreamReadsThem() throws Exception {
        byte[] plain = gzip("from the container\nsecond line\n");
        byte[] body = Arrays.copyOfRange(plain, 10, plain.length);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 3});
        header.writeBytes(new byte[] {3, 0, 'x', 'y', 'z'});
        header.writeBytes("bot.log\0".getBytes(StandardCharsets.ISO_8859_1));
        header.writeBytes("a comment\0".getBytes(StandardCharsets.ISO_8859_1));
        CRC32 crc = new CRC32();
        crc.update(header.toByteArray());
        byte[] headerCrc = {(byte) crc.getValue(), (byte) (crc.getValue() >> 8)};
        byte[] withFields = concat(header.toByteArray(), headerCrc, body);
        byte[] wrongHeaderCrc = concat(header.toByteArray(), new byte[] {(byte) ~headerCrc[0], headerCrc[1]}, body);
        byte[] twoMembers = concat(gzip("first member\n"), gzip("second member"));
        byte[] trailingBytes = concat(gzip("only member\n"), "not gzip".getBytes(StandardCharsets.UTF_8));

        try (LogChunkDecoder decoder = new LogChunkDecoder()) {
            for (byte[] message : List.of(withFields, twoMembers, trailingBytes)) {
                assertThat(decode(decoder, message)).isNotEmpty().isEqualTo(jdkLines(message));
            }
            assertThat(decode(decoder, withFields)).containsExactly("from the container", "second line");
            assertThat(decode(decoder, twoMembers)).containsExactly("first member", "second member");
            assertThatThrownBy(() -> decode(decoder, wrongHeaderCrc)).isInstanceOf(RedisLogsException.class)
                    .hasMessageContaining("corrupt");
            assertThatThrownBy(() -> jdkLines(wrongHeaderCrc)).isInstanceOf(IOException.class);
        }
    }
}
