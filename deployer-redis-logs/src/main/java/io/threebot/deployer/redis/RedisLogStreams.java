package io.threebot.deployer.redis;

import io.threebot.deployer.model.LogConfig;
import io.threebot.deployer.spi.LogStreams;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells every container the deployer creates to publish its output to a Redis server, on the channels
 * {@code <owner>-threebot-<name>-stdout} and {@code -stderr}, and follows those channels for the owner.
 *
 * <pre>{@code
 * RedisLogStreams logs = RedisLogStreams.of(RedisSettings.of("10.0.0.5", 6379));
 * ThreebotDeployer deployer = ThreebotDeployer.builder().logs(logs)...build();
 * try (LogTail tail = logs.follow("alice", "mybot", TailOptions.defaults())) { ... }
 * }</pre>
 */
public final class RedisLogStreams implements LogStreams {
    private final RedisSettings redis;
    private final String containerHost;
    private final int containerPort;

    private RedisLogStreams(RedisSettings redis, String containerHost, int containerPort) {
        this.redis = redis;
        this.containerHost = containerHost;
        this.containerPort = containerPort;
    }

    /** Containers and the deployer both reach Redis as the settings say. */
    public static RedisLogStreams of(RedisSettings redis) {
        Objects.requireNonNull(redis, "redis");
        return new RedisLogStreams(redis, redis.host(), redis.port());
    }

    /**
     * @param host the Redis host as containers reach it (a public address, not loopback, on a real grid)
     */
    public static RedisLogStreams of(String host, int port) {
        return of(RedisSettings.of(host, port));
    }

    /** The same, with containers reaching Redis at another address than the deployer does (NAT, say). */
    public RedisLogStreams reachedByContainersAt(String host, int port) {
        RedisSettings check = RedisSettings.of(host, port);
        return new RedisLogStreams(redis, check.host(), check.port());
    }

    @Override
    public Optional<LogConfig> configFor(String owner, String threebotName) {
        return Optional.of(new LogConfig("redis", containerHost, containerPort,
                LogConfig.channelNameFor(owner, threebotName)));
    }

    /** Follows the output of the owner's 3Bot; close the tail when done. */
    public LogTail follow(String owner, String threebotName, TailOptions options) {
        return LogTail.follow(redis, LogConfig.channelNameFor(owner, threebotName), options);
    }
}
