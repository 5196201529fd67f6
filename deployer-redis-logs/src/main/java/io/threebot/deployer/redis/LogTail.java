package io.threebot.deployer.redis;

import io.threebot.deployer.model.LogConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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

    private final RedisSettings settings;
    private final String channelName;
    private final byte[] stdout;
    private final byte[] stderr;
    private final TailOptions options;
    private final BlockingQueue<LogLine> buffer;
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
        this.buffer = new ArrayBlockingQueue<>(options.bufferLines());
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
        return Optional.ofNullable(buffer.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * The lines as they come, blocking for each; the stream ends when the tail is closed and its buffer is empty.
     * Consume it on one thread.
     */
    public Stream<LogLine> stream() {
        Iterator<LogLine> lines = new Iterator<>() {
            private LogLine next;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    try {
                        next = buffer.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                    if (next == null && closed && buffer.isEmpty()) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public LogLine next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                LogLine line = next;
                next = null;
                return line;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(lines, Spliterator.ORDERED), false);
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
        int failures = 0;
        while (!closed) {
            BinaryJedisPubSub pubSub = new Subscription();
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
        @Override
        public void onSubscribe(byte[] channel, int subscribedChannels) {
            if (subscribedChannels == 2) {
                subscriptions.incrementAndGet();
                subscribed.countDown();
            }
        }

        @Override
        public void onMessage(byte[] channel, byte[] message) {
            LogLine.Stream stream = Arrays.equals(channel, stderr) ? LogLine.Stream.STDERR
                    : LogLine.Stream.STDOUT;
            try {
                for (String text : LogChunkDecoder.lines(message)) {
                    received.incrementAndGet();
                    offer(new LogLine(stream, text, clock.instant()));
                }
            } catch (RedisLogsException e) {
                corrupt.incrementAndGet();
                LOG.debug("Skipped a log message on {}: {}", channelName, e.getMessage());
            }
        }
    }

    private void offer(LogLine line) {
        if (buffer.offer(line)) {
            return;
        }
        dropped.incrementAndGet();
        if (options.dropPolicy() == TailOptions.DropPolicy.DROP_OLDEST) {
            buffer.poll();
            if (!buffer.offer(line)) {
                dropped.incrementAndGet();
            }
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
