package io.threebot.deployer.examples;

import io.threebot.deployer.redis.LogChunkEncoder;
import io.threebot.deployer.redis.LogTail;
import io.threebot.deployer.redis.RedisSettings;
import io.threebot.deployer.redis.TailOptions;
import io.threebot.deployer.redis.testkit.LocalRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Measures how many log lines per second a {@link LogTail} delivers to its consumer, as a ratio of what a raw
 * jedis subscriber receives of the same pipelined publishing, side by side against one local redis-server.
 * Two loads: one text line per message (older containers), and gzip chunks of 50 lines (newer ones; the raw
 * subscriber counts the chunks' lines without unpacking them, so the ratio includes the unpacking).
 *
 * <p>Run with {@code ./scripts/benchmark.sh redis [lines]} (default 200 000 lines a run).
 */
public final class LogStreamBenchmark {
    private static final String CHANNEL = "bench-threebot-logs";
    private static final int CHUNK_LINES = 50;

    private LogStreamBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        if (!LocalRedis.available()) {
            System.err.println("redis-server is not installed: apt-get install redis-server");
            System.exit(2);
        }
        try (LocalRedis redis = LocalRedis.start()) {
            RedisSettings settings = RedisSettings.of(redis.host(), redis.port());
            byte[][] text = new byte[lines][];
            for (int i = 0; i < lines; i++) {
                text[i] = ("2026-11-25 10:00:00 INFO line " + i + " of the 3Bot's output").getBytes(
                        StandardCharsets.UTF_8);
            }
            byte[][] chunks = new byte[lines / CHUNK_LINES][];
            for (int c = 0; c < chunks.length; c++) {
                StringBuilder chunk = new StringBuilder();
                for (int i = 0; i < CHUNK_LINES; i++) {
                    chunk.append(new String(text[c * CHUNK_LINES + i], StandardCharsets.UTF_8)).append('\n');
                }
                chunks[c] = LogChunkEncoder.gzip(chunk.toString());
            }
            System.out.printf("redis-server on loopback, %d lines a run, 3 runs each way interleaved, median shown%n",
                    lines);
            System.out.printf("%-26s %14s %14s %8s%n", "messages", "raw lines/s", "LogTail lines/s", "ratio");
            compare("one line each", redis, settings, text, 1);
            compare("gzip chunks of 50 lines", redis, settings, chunks, CHUNK_LINES);
        }
    }

    private static void compare(String label, LocalRedis redis, RedisSettings settings, byte[][] messages,
                                int linesPerMessage) throws Exception {
        raw(redis, messages, linesPerMessage);
        tail(redis, settings, messages, linesPerMessage);
        double[] raw = new double[3];
        double[] tail = new double[3];
        for (int round = 0; round < 3; round++) {
            raw[round] = raw(redis, messages, linesPerMessage);
            tail[round] = tail(redis, settings, messages, linesPerMessage);
        }
        double rawRate = Medians.of(raw);
        double tailRate = Medians.of(tail);
        System.out.printf("%-26s %14.0f %14.0f %7.2fx%n", label, rawRate, tailRate, tailRate / rawRate);
    }

    /** Lines per second a raw binary jedis subscriber receives. */
    private static double raw(LocalRedis redis, byte[][] messages, int linesPerMessage) throws Exception {
        long expected = (long) messages.length * linesPerMessage;
        AtomicLong received = new AtomicLong();
        CountDownLatch subscribed = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        BinaryJedisPubSub subscriber = new BinaryJedisPubSub() {
            @Override
            public void onSubscribe(byte[] channel, int count) {
                subscribed.countDown();
            }

            @Override
            public void onMessage(byte[] channel, byte[] message) {
                if (received.addAndGet(linesPerMessage) == expected) {
                    done.countDown();
                }
            }
        };
        Thread thread = new Thread(() -> {
            try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
                jedis.subscribe(subscriber, (CHANNEL + "-stdout").getBytes(StandardCharsets.UTF_8));
            }
        });
        thread.start();
        subscribed.await(5, TimeUnit.SECONDS);
        long start = System.nanoTime();
        publish(redis, messages);
        await(done, received, expected);
        double rate = expected / ((System.nanoTime() - start) / 1e9);
        subscriber.unsubscribe();
        thread.join(2000);
        return rate;
    }

    /** Lines per second a consumer of {@link LogTail#stream()} gets. */
    private static double tail(LocalRedis redis, RedisSettings settings, byte[][] messages, int linesPerMessage)
            throws Exception {
        long expected = (long) messages.length * linesPerMessage;
        LogTail tail = LogTail.follow(settings, CHANNEL, TailOptions.defaults()
                .withBufferLines((int) Math.min(expected, 1_000_000)));
        Thread consumer = null;
        try {
            tail.awaitSubscribed(Duration.ofSeconds(5));
            AtomicLong consumed = new AtomicLong();
            CountDownLatch done = new CountDownLatch(1);
            consumer = new Thread(() -> tail.stream().forEach(line -> {
                if (consumed.incrementAndGet() == expected) {
                    done.countDown();
                }
            }));
            consumer.start();
            long start = System.nanoTime();
            publish(redis, messages);
            await(done, consumed, expected);
            double rate = expected / ((System.nanoTime() - start) / 1e9);
            if (tail.dropped() > 0) {
                System.out.println("  (LogTail dropped " + tail.dropped() + " lines)");
            }
            return rate;
        } finally {
            tail.close();
            if (consumer != null) {
                consumer.join(2000);
            }
        }
    }

    private static void publish(LocalRedis redis, byte[][] messages) {
        byte[] channel = (CHANNEL + "-stdout").getBytes(StandardCharsets.UTF_8);
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < messages.length; i++) {
                pipeline.publish(channel, messages[i]);
                if (i % 1000 == 999) {
                    pipeline.sync();
                }
            }
            pipeline.sync();
        }
    }

    private static void await(CountDownLatch done, AtomicLong count, long expected) throws InterruptedException {
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + count.get() + " of " + expected + " lines arrived");
        }
    }
}
