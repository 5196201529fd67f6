package io.threebot.deployer.redis;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a container's output.
 *
 * @param stream     standard output or standard error
 * @param text       the line, without its line break
 * @param receivedAt when the deployer received it
 */
public record LogLine(Stream stream, String text, Instant receivedAt) {
    /** The container stream a line came from. */
    public enum Stream {
        STDOUT, STDERR
    }

    public LogLine {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
