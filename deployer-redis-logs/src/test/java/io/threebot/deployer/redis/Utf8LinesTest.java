package io.threebot.deployer.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8LinesTest {
    private static List<String> split(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        assertThat(Utf8Lines.split(bytes, bytes.length, lines::add)).isEqualTo(lines.size());
        return lines;
    }

    @Test
    void aLineBreakIsFoundAtEveryPositionOfALongLine() {
        for (String lineBreak : List.of("\n", "\r", "\r\n")) {
            for (int before = 0; before < 40; before++) {
                for (int after = 0; after < 20; after++) {
                    String text = "b".repeat(before) + lineBreak + "a".repeat(after);
                    assertThat(split(text)).as("%d + %s + %d", before, lineBreak.replace("\r", "CR"), after)
                            .isEqualTo(text.lines().toList());
                    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                    assertThat(Utf8Lines.lineBreak(bytes, 0, bytes.length)).isEqualTo(before);
                }
            }
        }
    }

    @Test
    void bytesThatOnlyLookCloseToALineBreakAreNotOne() {
        String near = "\u000b\u000c\u000e\u0009\u008a\u008d\u010a\u0a0a\u0d0d" + "x".repeat(9);
        byte[] bytes = near.getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8Lines.lineBreak(bytes, 0, bytes.length)).isEqualTo(bytes.length);
        assertThat(split(near + "\n" + near)).containsExactly(near, near);
    }

    @Test
    void onlyTheGivenLengthIsRead() {
        byte[] bytes = "first\nsecond\nthird".getBytes(StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        Utf8Lines.split(bytes, 9, lines::add);
        assertThat(lines).containsExactly("first", "sec");
        assertThat(Utf8Lines.lineBreak(bytes, 6, 9)).isEqualTo(9);
        assertThat(Utf8Lines.lineBreak(bytes, 6, bytes.length)).isEqualTo(12);
    }
}
