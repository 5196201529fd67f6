package io.threebot.deployer.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.redis.LogLine.Stream;
import io.threebot.deployer.redis.testing.WithLocalRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class LogTailIT extends WithLocalRedis {
    private static final String CHANNEL = "alice-threebot-mybot";
    private static RedisSettings settings() {
        return RedisSettings.builder(redis.host(), redis.port()).retry(Duration.ofMillis(50), Duration.ofMillis(200))
                .build();
    }

    private static LogTail follow(TailOptions options) throws InterruptedException {
        LogTail tail = LogTail.follow(settings(), CHANNEL, options);
        assertThat(tail.awaitSubscribed(Duration.ofSeconds(5))).isTrue();
        return tail;
    }

    private static void publish(String channel, byte[] message) {
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            jedis.publish(channel.getBytes(StandardCharsets.UTF_8), message);
        }
    }

    @Test
    void linesArriveInOrderPerStream() throws Exception {
        try (LogTail tail = follow(TailOptions.defaults());
             Jedis jedis = new Jedis(redis.host(), redis.port())) {
            for (int i = 0; i < 500; i++) {
                jedis.publish(CHANNEL + "-stdout", "out " + i);
                jedis.publish(CHANNEL + "-stderr", "err " + i);
            }
            jedis.publish("bob-threebot-other-stdout", "not ours");
            List<LogLine> lines = tail.stream().limit(1000).toList();
            assertThat(lines).filteredOn(l -> l.stream() == Stream.STDOUT).extracting(LogLine::text)
                    .containsExactlyElementsOf(numbered("out ", 0, 500));
            assertThat(lines).filteredOn(l -> l.stream() == Stream.STDERR).extracting(LogLine::text)
                    .containsExactlyElementsOf(numbered("err ", 0, 500));
            assertThat(tail.poll(Duration.ofMillis(200))).isEmpty();
            assertThat(tail.dropped()).isZero();
        }
    }

    @Test
    void gzipChunksAreSplitIntoLinesAndACorruptChunkIsSkipped() throws Exception {
        try (LogTail tail = follow(TailOptions.defaults())) {
            List<LogLine> seen = new CopyOnWriteArrayList<>();
            tail.deliverTo(seen::add);
            publish(CHANNEL + "-stdout", LogChunkEncoder.gzip("starting 3Bot\nloading packages\r\nready\n"));
            publish(CHANNEL + "-stdout", new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
            publish(CHANNEL + "-stderr", "plain line".getBytes(StandardCharsets.UTF_8));
            publish(CHANNEL + "-stdout", LogChunkEncoder.gzip(""));
            publish(CHANNEL + "-stdout", LogChunkEncoder.gzip("after the corrupt one\nwithout a break"));
            await(() -> seen.size() == 6);
            assertThat(seen).extracting(LogLine::text).containsExactly("starting 3Bot", "loading packages", "ready",
                    "plain line", "after the corrupt one", "without a break");
            assertThat(seen).extracting(LogLine::stream).containsExactly(Stream.STDOUT, Stream.STDOUT, Stream.STDOUT,
                    Stream.STDERR, Stream.STDOUT, Stream.STDOUT);
            assertThat(tail.corruptChunks()).isEqualTo(1);
            assertThat(tail.received()).isEqualTo(6);
        }
    }

    @Test
    void aSlowConsumerLosesTheOldestLinesAndTheyAreCounted() throws Exception {
        try (LogTail tail = follow(TailOptions.defaults().withBufferLines(10));
             Jedis jedis = new Jedis(redis.host(), redis.port())) {
            for (int i = 0; i < 1000; i++) {
                jedis.publish(CHANNEL + "-stdout", "line " + i);
            }
            await(() -> tail.received() == 1000);
            assertThat(tail.dropped()).isEqualTo(990);
            assertThat(tail.stream().limit(10).map(LogLine::text).toList())
                    .containsExactlyElementsOf(numbered("line ", 990, 10));
        }
    }

    @Test
    void withDropNewestTheWaitingLinesAreKept() throws Exception {
        try (LogTail tail = follow(new TailOptions(10, TailOptions.DropPolicy.DROP_NEWEST));
             Jedis jedis = new Jedis(redis.host(), redis.port())) {
            for (int i = 0; i < 100; i++) {
                jedis.publish(CHANNEL + "-stdout", "line " + i);
            }
            await(() -> tail.received() == 100);
            assertThat(tail.dropped()).isEqualTo(90);
            assertThat(tail.stream().limit(10).map(LogLine::text).toList())
                    .containsExactlyElementsOf(numbered("line ", 0, 10));
        }
    }

    @Test
    void theTailResumesWhenRedisIsKilledAndRestarted() throws Exception {
        try (LogTail tail = follow(TailOptions.defaults())) {
            publish(CHANNEL + "-stdout", "before".getBytes(StandardCharsets.UTF_8));
            assertThat(tail.poll(Duration.ofSeconds(5))).map(LogLine::text).contains("before");

            redis.kill();
            Thread.sleep(300);
            redis.restart();
            await(() -> tail.reconnects() == 1);

            publish(CHANNEL + "-stdout", "after".getBytes(StandardCharsets.UTF_8));
            assertThat(tail.poll(Duration.ofSeconds(5))).map(LogLine::text).contains("after");
            assertThat(tail.dropped()).isZero();
        }
    }

    @Test
    void theOwnerFollowsWhatTheContainerWasToldToPublish() throws Exception {
        RedisLogStreams logs = RedisLogStreams.of(settings()).reachedByContainersAt("10.20.30.40", 6379);
        var config = logs.configFor("Alice", "MyBot").orElseThrow();
        assertThat(config.stdoutUrl()).isEqualTo("redis://10.20.30.40:6379/alice-threebot-mybot-stdout");
        try (LogTail tail = logs.follow("Alice", "MyBot", TailOptions.defaults())) {
            assertThat(tail.awaitSubscribed(Duration.ofSeconds(5))).isTrue();
            publish(config.stderrChannel(), "from the container".getBytes(StandardCharsets.UTF_8));
            assertThat(tail.poll(Duration.ofSeconds(5))).get()
                    .satisfies(line -> assertThat(line.stream()).isEqualTo(Stream.STDERR))
                    .extracting(LogLine::text).isEqualTo("from the container");
        }
    }

    @Test
    void closingEndsTheStream() throws Exception {
        LogTail tail = follow(TailOptions.defaults());
        publish(CHANNEL + "-stdout", "last".getBytes(StandardCharsets.UTF_8));
        await(() -> tail.received() == 1);
        tail.close();
        assertThat(tail.stream().map(LogLine::text).toList()).containsExactly("last");
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            assertThat(jedis.pubsubNumSub(CHANNEL + "-stdout").get(CHANNEL + "-stdout")).isZero();
        }
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static List<String> numbered(String prefix, int from, int count) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            out.add(prefix + i);
        }
        return out;
    }
}
