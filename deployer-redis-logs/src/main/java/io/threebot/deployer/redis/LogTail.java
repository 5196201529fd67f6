package io.threebot.deployer.redis;

import io.threebot.deployer.model.LogConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Follows a 3Bot's container output: subscribes to {@code <channel>-stdout} and {@code <channel>-stderr}, splits
 * text and gzip-chunk messages into lines, and hands them to one consumer through a bounded buffer, in the order
 * each channel received them. A consumer that falls behind loses lines by the {@link TailOptions.DropPolicy}, and
 * {@link #dropped()} counts them. When Redis goes away the tail reconnects and subscribes again, with growing
 * pauses; what was published while it was away is lost (Redis pub/sub keeps nothing).
 *
 * <pre>{@code
 * try (LogTail tail = LogTail.follow(RedisSettings.of("10.0.0.5", 6379), "alice-threebot-mybot",
 *         TailOptions.defaults())) {
 *     tail.stream().limit(100).forEach(line -> System.out.println(line.stream() + " " + line.text()));
 * }
 * }</pre>
 */
public final class LogTail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogTail.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** The most lines the subscriber thread gathers, or a stream takes from the buffer, at a time. */
    private static final int BATCH = 256;

    private final RedisSettings settings;
    private final String channelName;
    private final byte[] stdout;
    private final byte[] stderr;
    private final TailOptions options;
    private final LineBuffer buffer;
    private final Clock clock;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong corrupt = new AtomicLong();
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final Thread subscriber;
    private volatile CountDownLatch subscribed = new CountDownLatch(1);
    private volatile BinaryJedisPubSub current;
    private volatile Jedis connection;
    private volatile boolean closed;

    private LogTail(RedisSettings settings, String channelName, TailOptions options, Clock clock) {
        this.settings = settings;
        this.channelName = channelName;
        this.stdout = (channelName + "-stdout").getBytes(StandardCharsets.UTF_8);
        this.stderr = (channelName + "-stderr").getBytes(StandardCharsets.UTF_8);
        this.options = options;
        this.buffer = new LineBuffer(options.bufferLines(), options.dropPolicy());
        this.clock = clock;
        this.subscriber = new Thread(this::subscribeUntilClosed, "log-tail-" + channelName);
        this.subscriber.setDaemon(true);
    }

    /**
     * Starts following the channel; lines published from the moment the subscription is up are delivered
     * ({@link #awaitSubscribed} waits for it).
     *
     * @param channelName the channel of {@link LogConfig#channelName()}, e.g. {@code alice-threebot-mybot}
     */
    public static LogTail follow(RedisSettings settings, String channelName, TailOptions options) {
        if (channelName == null || channelName.isBlank()) {
            throw new IllegalArgumentException("a log channel name is needed");
        }
        LogTail tail = new LogTail(settings, channelName, options, Clock.systemUTC());
        tail.subscriber.start();
        return tail;
    }

    /** Follows the channels a container was configured with. */
    public static LogTail follow(RedisSettings settings, LogConfig config, TailOptions options) {
        return follow(settings, config.channelName(), options);
    }

    /** Waits until the tail is subscribed to both channels (again, after a reconnect); false on timeout. */
    public boolean awaitSubscribed(Duration timeout) throws InterruptedException {
        return subscribed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next line, waiting up to {@code timeout}; empty when none came or the tail is closed. */
    public Optional<LogLine> poll(Duration timeout) throws InterruptedException {
        LogLine[] one = new LogLine[1];
        return buffer.drain(one, timeout.toNanos(), TimeUnit.NANOSECONDS) == 0 ? Optional.empty()
                : Optional.of(one[0]);
    }

    /**
     * The lines as they come, blocking for each; the stream ends when the tail is closed and its buffer is empty.
     * Consume it on one thread. The stream takes the waiting lines from the buffer up to 256 at a time, so lines
     * it has taken no longer count against the buffer's size.
     */
    public Stream<LogLine> stream() {
        return StreamSupport.stream(new BufferedLines(buffer, () -> closed, Math.min(BATCH, options.bufferLines()),
                POLL.toNanos()), false);
    }

    /**
     * Hands every line to {@code consumer} on a thread of its own until the tail is closed; returns that thread.
     * A consumer that throws is logged and keeps getting lines.
     */
    public Thread deliverTo(Consumer<LogLine> consumer) {
        Thread thread = new Thread(() -> stream().forEach(line -> {
            try {
                consumer.accept(line);
            } catch (RuntimeException e) {
                LOG.warn("A log consumer of {} failed on a line: {}", channelName, e.toString());
            }
        }), "log-delivery-" + channelName);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Lines received from Redis, delivered or not. */
    public long received() {
        return received.get();
    }

    /** Lines dropped because the consumer fell behind. */
    public long dropped() {
        return dropped.get();
    }

    /** Messages that were not valid gzip chunks and were skipped. */
    public long corruptChunks() {
        return corrupt.get();
    }

    /** How many times the tail subscribed again after losing Redis. */
    public int reconnects() {
        return Math.max(0, subscriptions.get() - 1);
    }

    private void subscribeUntilClosed() {
        try (LogChunkDecoder decoder = new LogChunkDecoder()) {
            subscribeUntilClosed(new Lines(decoder));
        }
    }

    private void subscribeUntilClosed(Lines lines) {
        int failures = 0;
        while (!closed) {
            BinaryJedisPubSub pubSub = new Subscription(lines);
            try (Jedis jedis = settings.connect()) {
                connection = jedis;
                current = pubSub;
                if (closed) {
                    return;
                }
                jedis.subscribe(pubSub, stdout, stderr);
                failures = 0;
            } catch (JedisException e) {
                if (closed) {
                    return;
                }
                failures++;
                subscribed = new CountDownLatch(1);
                Duration pause = settings.retryPause(failures);
                LOG.info("Log tail of {} lost {} ({}); subscribing again in {} ms", channelName, settings,
                        e.getMessage(), pause.toMillis());
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            } finally {
                connection = null;
            }
        }
    }

    private final class Subscription extends BinaryJedisPubSub {
        private final Lines lines;

        Subscription(Lines lines) {
            this.lines = lines;
        }

        @Override
        public void onSubscribe(byte[] channel, int subscribedChannels) {
            if (subscribedChannels == 2) {
                subscriptions.incrementAndGet();
                subscribed.countDown();
            }
        }

        @Override
        public void onMessage(byte[] channel, byte[] message) {
            lines.decode(Arrays.equals(channel, stderr) ? LogLine.Stream.STDERR : LogLine.Stream.STDOUT, message);
        }
    }

    /**
     * Turns the messages into lines on the subscriber thread and hands them to the buffer a message (or at most
     * {@link #BATCH} lines) at a time; every line of a message shares the time it was received. Only this thread
     * counts received lines, so it publishes its count with a plain ordered write rather than an atomic add.
     */
    private final class Lines implements Consumer<String> {
        private final LogChunkDecoder decoder;
        private final LogLine[] pending = new LogLine[BATCH];
        private int count;
        private long receivedLines;
        private LogLine.Stream stream;
        private Instant receivedAt;

        Lines(LogChunkDecoder decoder) {
            this.decoder = decoder;
        }

        void decode(LogLine.Stream from, byte[] message) {
            stream = from;
            receivedAt = clock.instant();
            try {
                decoder.decode(message, this);
            } catch (RedisLogsException e) {
                corrupt.incrementAndGet();
                LOG.debug("Skipped a log message on {}: {}", channelName, e.getMessage());
            } finally {
                flush();
            }
        }

        @Override
        public void accept(String text) {
            pending[count++] = new LogLine(stream, text, receivedAt);
            if (count == pending.length) {
                flush();
            }
        }

        private void flush() {
            if (count == 0) {
                return;
            }
            int lost = buffer.offer(pending, count);
            if (lost > 0) {
                dropped.addAndGet(lost);
            }
            receivedLines += count;
            received.lazySet(receivedLines);
            count = 0;
        }
    }

    /** Stops following; lines already buffered can still be read. */
    @Override
    public void close() {
        closed = true;
        BinaryJedisPubSub pubSub = current;
        try {
            if (pubSub != null && pubSub.isSubscribed()) {
                pubSub.unsubscribe();
            }
        } catch (RuntimeException e) {
            LOG.debug("Unsubscribing {} failed", channelName, e);
        }
        Jedis jedis = connection;
        if (jedis != null) {
            try {
                jedis.disconnect();
            } catch (RuntimeException e) {
                LOG.debug("Disconnecting {} failed", channelName, e);
            }
        }
        subscriber.interrupt();
        try {
            subscriber.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
