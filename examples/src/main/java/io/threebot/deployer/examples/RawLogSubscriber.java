package io.threebot.deployer.examples;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import redis.clients.jedis.BinaryJedisPubSub;

/**
 * The anchor of {@link LogStreamBenchmark}: a raw binary jedis subscriber doing the decoding any consumer of the
 * log channels needs, on the subscriber thread itself, written the plain JDK way: a text message becomes one
 * {@code String} line; a gzip chunk is read through a {@link GZIPInputStream} and its text split into
 * {@code String} lines with {@link String#lines()}. It counts the lines it decoded, so it finishes on the same
 * number of lines as the tail it is compared with.
 */
final class RawLogSubscriber extends BinaryJedisPubSub {
    private final boolean gzip;
    private final long expected;
    private final AtomicLong lines = new AtomicLong();
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    /** The decoded characters, read once at the end so the lines cannot be optimised away. */
    private long characters;

    RawLogSubscriber(boolean gzip, long expected) {
        this.gzip = gzip;
        this.expected = expected;
    }

    @Override
    public void onSubscribe(byte[] channel, int subscribedChannels) {
        subscribed.countDown();
    }

    @Override
    public void onMessage(byte[] channel, byte[] message) {
        int decoded = 0;
        if (gzip) {
            Iterator<String> it = gunzip(message).lines().iterator();
            while (it.hasNext()) {
                characters += it.next().length();
                decoded++;
            }
        } else {
            characters += new String(message, StandardCharsets.UTF_8).length();
            decoded = 1;
        }
        if (lines.addAndGet(decoded) >= expected) {
            done.countDown();
        }
    }

    private static String gunzip(byte[] message) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(message))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean awaitSubscribed() throws InterruptedException {
        return subscribed.await(5, TimeUnit.SECONDS);
    }

    /** Waits for all expected lines; fails after two minutes. */
    void awaitAll() throws InterruptedException {
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + lines.get() + " of " + expected + " lines arrived");
        }
    }

    long characters() {
        return characters;
    }
}
