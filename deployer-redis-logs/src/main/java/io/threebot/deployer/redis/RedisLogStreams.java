package io.threebot.deployer.redis;

import io.threebot.deployer.model.LogConfig;
import io.threebot.deployer.spi.LogStreams;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells every container the deployer creates to publish its output to a Redis server, on the channels
 * {@code <owner>-threebot-<name>-stdout} and {@code -stderr}.
 */
public final class RedisLogStreams implements LogStreams {
    private final String host;
    private final int port;

    private RedisLogStreams(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * @param host the Redis host as containers reach it (a public address, not loopback, on a real grid)
     */
    public static RedisLogStreams of(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("the Redis host must not be blank");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("the Redis port must be 1 to 65535, not " + port);
        }
        return new RedisLogStreams(host, port);
    }

    @Override
    public Optional<LogConfig> configFor(String owner, String threebotName) {
        return Optional.of(new LogConfig("redis", host, port, LogConfig.channelNameFor(owner, threebotName)));
    }
}
