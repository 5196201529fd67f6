package io.threebot.deployer.redis;

import io.threebot.deployer.support.Durations;
import java.time.Duration;
import java.util.Objects;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Where the deployer reaches Redis to follow logs and publish events, and how patiently.
 *
 * @param host           the Redis host
 * @param port           the Redis port
 * @param connectTimeout the limit for connecting
 * @param commandTimeout the limit for one command (publishing); subscriptions wait without limit
 * @param retryMin       the first pause before reconnecting after Redis went away
 * @param retryMax       the longest pause between reconnection attempts (the pause doubles up to it)
 */
public record RedisSettings(String host, int port, Duration connectTimeout, Duration commandTimeout,
                            Duration retryMin, Duration retryMax) {
    public RedisSettings {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("the Redis host must not be blank");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("the Redis port must be 1 to 65535, not " + port);
        }
        Durations.requirePositive(connectTimeout, "connectTimeout");
        Durations.requirePositive(commandTimeout, "commandTimeout");
        Durations.requirePositive(retryMin, "retryMin");
        Durations.requirePositive(retryMax, "retryMax");
        if (retryMax.compareTo(retryMin) < 0) {
            throw new IllegalArgumentException("retryMax must not be shorter than retryMin");
        }
    }

    /** Redis at host:port with 2 s to connect, 2 s per command, and reconnection pauses from 100 ms to 5 s. */
    public static RedisSettings of(String host, int port) {
        return builder(host, port).build();
    }

    /** A builder for Redis at host:port, starting from the defaults of {@link #of}. */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /** A new connection that waits {@code commandTimeout} for answers; the caller closes it. */
    public Jedis connect() {
        return new Jedis(new HostAndPort(host, port), DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) connectTimeout.toMillis())
                .socketTimeoutMillis((int) commandTimeout.toMillis())
                .clientName("threebot-deployer").autoNegotiateProtocol(false).build());
    }

    /**
     * The pause before the given reconnection attempt (1 for the first): doubling from {@code retryMin} up to
     * {@code retryMax}, with a quarter of jitter either way so that many tails do not reconnect in step.
     */
    Duration retryPause(int attempt) {
        long millis = Math.min(retryMin.toMillis() << Math.min(attempt - 1, 16), retryMax.toMillis());
        double jitter = 0.75 + java.util.concurrent.ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis(Math.max(1, Math.min((long) (millis * jitter), retryMax.toMillis())));
    }

    @Override
    public String toString() {
        return "redis://" + host + ":" + port;
    }

    /** Builds {@link RedisSettings}. */
    public static final class Builder {
        private final String host;
        private final int port;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration commandTimeout = Duration.ofSeconds(2);
        private Duration retryMin = Duration.ofMillis(100);
        private Duration retryMax = Duration.ofSeconds(5);

        private Builder(String host, int port) {
            this.host = host;
            this.port = port;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder commandTimeout(Duration value) {
            this.commandTimeout = value;
            return this;
        }

        /** The pauses between reconnection attempts: from {@code min}, doubling up to {@code max}. */
        public Builder retry(Duration min, Duration max) {
            this.retryMin = min;
            this.retryMax = max;
            return this;
        }

        public RedisSettings build() {
            return new RedisSettings(host, port, connectTimeout, commandTimeout, retryMin, retryMax);
        }
    }
}
