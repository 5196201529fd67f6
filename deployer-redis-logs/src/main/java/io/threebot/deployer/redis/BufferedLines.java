package io.threebot.deployer.redis;

import java.util.Spliterator;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The lines of a {@link LineBuffer} as a stream source for one consumer: takes them from the buffer a batch at a
 * time, waits for more in steps of {@code pollNanos}, and ends once the tail is closed and the buffer is empty.
 */
final class BufferedLines implements Spliterator<LogLine> {
    private final LineBuffer buffer;
    private final BooleanSupplier closed;
    private final long pollNanos;
    private final LogLine[] batch;
    private int next;
    private int size;

    BufferedLines(LineBuffer buffer, BooleanSupplier closed, int batchLines, long pollNanos) {
        this.buffer = buffer;
        this.closed = closed;
        this.pollNanos = pollNanos;
        this.batch = new LogLine[batchLines];
    }

    @Override
    public boolean tryAdvance(Consumer<? super LogLine> action) {
        if (!fill()) {
            return false;
        }
        action.accept(take());
        return true;
    }

    @Override
    public void forEachRemaining(Consumer<? super LogLine> action) {
        while (fill()) {
            while (next < size) {
                action.accept(take());
            }
        }
    }

    private LogLine take() {
        LogLine line = batch[next];
        batch[next++] = null;
        return line;
    }

    /** True when a line is waiting in the batch, after taking more from the buffer if need be. */
    private boolean fill() {
        while (next == size) {
            next = 0;
            try {
                size = buffer.drain(batch, pollNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                size = 0;
                return false;
            }
            if (size == 0 && closed.getAsBoolean() && buffer.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Spliterator<LogLine> trySplit() {
        return null;
    }

    @Override
    public long estimateSize() {
        return Long.MAX_VALUE;
    }

    @Override
    public int characteristics() {
        return ORDERED | NONNULL;
    }
}
