package io.threebot.deployer.redis;

import java.util.Objects;

/**
 * How a {@link LogTail} buffers lines for a consumer that falls behind.
 *
 * @param bufferLines the most lines held for the consumer
 * @param dropPolicy  which lines give way when the buffer is full; every dropped line is counted
 */
public record TailOptions(int bufferLines, DropPolicy dropPolicy) {
    /** Which lines a full buffer gives up. */
    public enum DropPolicy {
        /** Keep the newest lines: the oldest waiting line is dropped (what someone tailing logs wants). */
        DROP_OLDEST,
        /** Keep the lines already waiting: the new line is dropped. */
        DROP_NEWEST
    }

    public TailOptions {
        Objects.requireNonNull(dropPolicy, "dropPolicy");
        if (bufferLines < 1) {
            throw new IllegalArgumentException("the buffer must hold at least one line, not " + bufferLines);
        }
    }

    /** 10 000 lines, dropping the oldest. */
    public static TailOptions defaults() {
        return new TailOptions(10_000, DropPolicy.DROP_OLDEST);
    }

    /** The same options with another buffer size. */
    public TailOptions withBufferLines(int lines) {
        return new TailOptions(lines, dropPolicy);
    }

    /** The same options with another drop policy. */
    public TailOptions withDropPolicy(DropPolicy policy) {
        return new TailOptions(bufferLines, policy);
    }
}
