package io.threebot.deployer.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.redis.TailOptions.DropPolicy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class BufferedLinesTest {
    private static void offer(LineBuffer buffer, int from, int count) {
        LogLine[] lines = new LogLine[count];
        for (int i = 0; i < count; i++) {
            lines[i] = new LogLine(LogLine.Stream.STDOUT, "line " + (from + i), Instant.EPOCH);
        }
        buffer.offer(lines, count);
    }

    private static Stream<String> texts(LineBuffer buffer, AtomicBoolean closed, int batch) {
        return StreamSupport.stream(new BufferedLines(buffer, closed::get, batch,
                TimeUnit.MILLISECONDS.toNanos(20)), false).map(LogLine::text);
    }

    @Test
    void theStreamGivesEveryLineInOrderAndEndsOnceClosedAndEmpty() {
        LineBuffer buffer = new LineBuffer(100, DropPolicy.DROP_OLDEST);
        offer(buffer, 0, 10);
        AtomicBoolean closed = new AtomicBoolean(true);
        assertThat(texts(buffer, closed, 3).toList()).containsExactly("line 0", "line 1", "line 2", "line 3",
                "line 4", "line 5", "line 6", "line 7", "line 8", "line 9");
        assertThat(buffer.isEmpty()).isTrue();
    }

    @Test
    void anOpenTailsStreamWaitsForLinesOneAtATimeOrInBulk() throws Exception {
        LineBuffer buffer = new LineBuffer(100, DropPolicy.DROP_OLDEST);
        AtomicBoolean closed = new AtomicBoolean(false);
        CompletableFuture<List<String>> firstFive = CompletableFuture.supplyAsync(
                () -> texts(buffer, closed, 2).limit(5).toList());
        CompletableFuture<List<String>> untilClosed = new CompletableFuture<>();
        Thread.sleep(100);
        assertThat(firstFive).isNotDone();
        offer(buffer, 0, 2);
        offer(buffer, 2, 3);
        assertThat(firstFive.get(5, TimeUnit.SECONDS)).containsExactly("line 0", "line 1", "line 2", "line 3",
                "line 4");

        Thread reader = new Thread(() -> untilClosed.complete(texts(buffer, closed, 4).toList()));
        reader.start();
        offer(buffer, 5, 6);
        Thread.sleep(100);
        assertThat(untilClosed).isNotDone();
        closed.set(true);
        assertThat(untilClosed.get(5, TimeUnit.SECONDS)).containsExactly("line 5", "line 6", "line 7", "line 8",
                "line 9", "line 10");
    }
}
