package io.threebot.deployer.examples;

import io.threebot.deployer.redis.LogChunkEncoder;
import io.threebot.deployer.redis.LogTail;
import io.threebot.deployer.redis.RedisSettings;
import io.threebot.deployer.redis.TailOptions;
import io.threebot.deployer.redis.testkit.LocalRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Measures how many decoded log lines per second a {@link LogTail} delivers to its consumer, as a ratio of what a
 * raw jedis subscriber doing the same decoding ({@link RawLogSubscriber}) gets of the same pipelined publishing,
 * side by side against one local redis-server: rounds interleaved, taking turns going first, each after a garbage
 * collection; medians compared. Two loads: one text line per message (older containers), and gzip chunks of 50
 * lines (newer ones), which both sides unpack and split.
 *
 * <p>Run with {@code ./scripts/benchmark.sh redis [lines]} (default 500 000 lines a run).
 */
public final class LogStreamBenchmark {
    private static final String CHANNEL = "bench-threebot-logs";
    private static final int CHUNK_LINES = 50;
    private static final int ROUNDS = 7;
    private static final double TARGET = 0.9;

    private LogStreamBenchmark() {
    }

    /** The lines per second of both sides for one load, each the median of its rounds. */
    record Comparison(String load, double rawRate, double tailRate, long tailDropped) {
        double ratio() {
            return tailRate / rawRate;
        }

        BenchmarkRatio row() {
            return BenchmarkRatio.atLeast("LogTail / raw jedis, " + load, ratio(), TARGET,
                    String.format("%,.0f vs %,.0f lines/s", tailRate, rawRate));
        }
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        if (!LocalRedis.available()) {
            System.err.println("redis-server is not installed: apt-get install redis-server");
            System.exit(2);
        }
        List<Comparison> comparisons = measure(lines);
        System.out.printf("redis-server on loopback, %d lines a run, %d runs each way interleaved, median shown%n",
                lines, ROUNDS);
        System.out.printf("%-26s %14s %16s %8s %8s%n", "messages", "raw lines/s", "LogTail lines/s", "ratio",
                "dropped");
        for (Comparison c : comparisons) {
            System.out.printf("%-26s %14.0f %16.0f %7.2fx %8d%n", c.load(), c.rawRate(), c.tailRate(), c.ratio(),
                    c.tailDropped());
        }
        System.out.println();
        BenchmarkTable.print(comparisons.stream().map(Comparison::row).toList(), System.out);
    }

    /**
     * Starts a local redis-server, measures both loads with {@code lines} lines a run and stops the server.
     *
     * @return one row a load: LogTail's lines per second as a ratio of the raw subscriber's, held to 0.9
     */
    public static List<BenchmarkRatio> ratios(int lines) throws Exception {
        return measure(lines).stream().map(Comparison::row).toList();
    }

    private static List<Comparison> measure(int lines) throws Exception {
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
        try (LocalRedis redis = LocalRedis.start()) {
            List<Comparison> out = new ArrayList<>();
            out.add(compare("text lines", redis, text, 1, false));
            out.add(compare("gzip chunks of 50 lines", redis, chunks, CHUNK_LINES, true));
            return out;
        }
    }

    private static Comparison compare(String load, LocalRedis redis, byte[][] messages, int linesPerMessage,
                                      boolean gzip) throws Exception {
        RedisSettings settings = RedisSettings.of(redis.host(), redis.port());
        long expected = (long) messages.length * linesPerMessage;
        raw(redis, messages, expected, gzip);
        tail(redis, settings, messages, expected, new AtomicLong());
        double[] raw = new double[ROUNDS];
        double[] tail = new double[ROUNDS];
        AtomicLong dropped = new AtomicLong();
        for (int round = 0; round < ROUNDS; round++) {
            // each side starts on an empty young generation, and they take turns going first, so neither pays for
            // the other's garbage more often
            if (round % 2 == 0) {
                System.gc();
                raw[round] = raw(redis, messages, expected, gzip);
                System.gc();
                tail[round] = tail(redis, settings, messages, expected, dropped);
            } else {
                System.gc();
                tail[round] = tail(redis, settings, messages, expected, dropped);
                System.gc();
                raw[round] = raw(redis, messages, expected, gzip);
            }
        }
        return new Comparison(load, Medians.of(raw), Medians.of(tail), dropped.get());
    }

    /** Lines per second the raw binary jedis subscriber decodes. */
    private static double raw(LocalRedis redis, byte[][] messages, long expected, boolean gzip) throws Exception {
        RawLogSubscriber subscriber = new RawLogSubscriber(gzip, expected);
        Thread thread = new Thread(() -> {
            try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
                jedis.subscribe(subscriber, (CHANNEL + "-stdout").getBytes(StandardCharsets.UTF_8));
            }
        }, "raw-subscriber");
        thread.start();
        if (!subscriber.awaitSubscribed()) {
            throw new IllegalStateException("the raw subscriber did not subscribe");
        }
        long start = System.nanoTime();
        publish(redis, messages);
        subscriber.awaitAll();
        double rate = expected / ((System.nanoTime() - start) / 1e9);
        subscriber.unsubscribe();
        thread.join(2000);
        if (subscriber.characters() == 0) {
            throw new IllegalStateException("the raw subscriber decoded nothing");
        }
        return rate;
    }

    /** Lines per second a consumer of {@link LogTail#stream()} gets. */
    private static double tail(LocalRedis redis, RedisSettings settings, byte[][] messages, long expected,
                               AtomicLong dropped) throws Exception {
        LogTail tail = LogTail.follow(settings, CHANNEL, TailOptions.defaults()
                .withBufferLines((int) Math.min(expected, 1_000_000)));
        Thread consumer = null;
        try {
            if (!tail.awaitSubscribed(Duration.ofSeconds(5))) {
                throw new IllegalStateException("the tail did not subscribe");
            }
            AtomicLong consumed = new AtomicLong();
            CountDownLatch done = new CountDownLatch(1);
            consumer = new Thread(() -> {
                long characters = 0;
                var lines = tail.stream().iterator();
                while (lines.hasNext()) {
                    characters += lines.next().text().length();
                    if (consumed.incrementAndGet() == expected) {
                        done.countDown();
                    }
                }
                if (characters == 0) {
                    throw new IllegalStateException("the tail's consumer read nothing");
                }
            }, "tail-consumer");
            consumer.start();
            long start = System.nanoTime();
            publish(redis, messages);
            if (!done.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + consumed.get() + " of " + expected + " lines arrived");
            }
            double rate = expected / ((System.nanoTime() - start) / 1e9);
            dropped.addAndGet(tail.dropped());
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
}
