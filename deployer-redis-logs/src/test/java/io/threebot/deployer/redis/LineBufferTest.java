package io.threebot.deployer.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.redis.TailOptions.DropPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineBufferTest {
    private static LogLine[] lines(int from, int count) {
        LogLine[] lines = new LogLine[count];
        for (int i = 0; i < count; i++) {
            lines[i] = new LogLine(LogLine.Stream.STDOUT, "line " + (from + i), Instant.EPOCH);
        }
        return lines;
    }

    private static List<String> drainAll(LineBuffer buffer, int batch) throws InterruptedException {
        List<String> out = new ArrayList<>();
        LogLine[] into = new LogLine[batch];
        int n;
        while ((n = buffer.drain(into, 0, TimeUnit.MILLISECONDS)) > 0) {
            Arrays.stream(into, 0, n).map(LogLine::text).forEach(out::add);
        }
        return out;
    }

    private static List<String> texts(int from, int count) {
        return Arrays.stream(lines(from, count)).map(LogLine::text).toList();
    }

    @Test
    void linesComeOutInOrderInBatchesAcrossTheRingsEnd() throws InterruptedException {
        LineBuffer buffer = new LineBuffer(8, DropPolicy.DROP_OLDEST);
        assertThat(buffer.offer(lines(0, 6), 6)).isZero();
        assertThat(drainAll(buffer, 4)).isEqualTo(texts(0, 6));
        assertThat(buffer.offer(lines(6, 7), 7)).isZero();
        LogLine[] three = new LogLine[3];
        assertThat(buffer.drain(three, 0, TimeUnit.MILLISECONDS)).isEqualTo(3);
        assertThat(three).extracting(LogLine::text).containsExactly("line 6", "line 7", "line 8");
        assertThat(drainAll(buffer, 3)).isEqualTo(texts(9, 4));
        assertThat(buffer.isEmpty()).isTrue();
    }

    /**
     * A full buffer counts what it drops: the oldest lines with DROP_OLDEST (the newest five are kept), the new
     * ones with DROP_NEWEST (the first five are kept).
     */
    @ParameterizedTest
    @CsvSource({"DROP_OLDEST, 14", "DROP_NEWEST, 0"})
    void aFullBufferDropsByItsPolicyAndCountsWhatItDrops(DropPolicy policy, int firstKept)
            throws InterruptedException {
        LineBuffer buffer = new LineBuffer(5, policy);
        assertThat(buffer.offer(lines(0, 3), 3)).isZero();
        assertThat(buffer.offer(lines(3, 4), 4)).isEqualTo(2);
        assertThat(buffer.offer(lines(7, 12), 12)).isEqualTo(12);
        assertThat(drainAll(buffer, 2)).isEqualTo(texts(firstKept, 5));
    }

    @Test
    void aWaitingConsumerGetsTheNextLinesAndAnEmptyBufferTimesOut() throws Exception {
        LineBuffer buffer = new LineBuffer(100, DropPolicy.DROP_OLDEST);
        LogLine[] into = new LogLine[10];
        long start = System.nanoTime();
        assertThat(buffer.drain(into, 50, TimeUnit.MILLISECONDS)).isZero();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));

        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return buffer.drain(into, 10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertThat(waiting).isNotDone();
        buffer.offer(lines(0, 3), 3);
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(into).extracting(l -> l == null ? null : l.text()).startsWith("line 0", "line 1", "line 2");
    }
}
