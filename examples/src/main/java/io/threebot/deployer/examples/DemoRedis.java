package io.threebot.deployer.examples;

import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.redis.RedisDeploymentEvents;
import io.threebot.deployer.redis.RedisLogStreams;
import io.threebot.deployer.redis.RedisSettings;
import io.threebot.deployer.redis.testkit.LocalRedis;
import java.io.PrintStream;
import java.util.Optional;

/** The demo's Redis, when {@code --redis} is given: container logs, deployment events and the tail command. */
final class DemoRedis implements AutoCloseable {
    private final Optional<LocalRedis> local;
    private final Optional<RedisSettings> settings;
    private final Optional<RedisDeploymentEvents> events;

    private DemoRedis(Optional<LocalRedis> local, Optional<RedisSettings> settings) {
        this.local = local;
        this.settings = settings;
        this.events = settings.map(RedisDeploymentEvents::start);
    }

    /** Nothing for an empty option; a new local redis-server for {@code local}; else {@code HOST:PORT}. */
    static DemoRedis from(Optional<String> option) {
        if (option.isEmpty()) {
            return new DemoRedis(Optional.empty(), Optional.empty());
        }
        if (option.get().equals("local")) {
            if (!LocalRedis.available()) {
                throw new IllegalArgumentException("--redis local needs redis-server: apt-get install redis-server");
            }
            LocalRedis redis = LocalRedis.start();
            return new DemoRedis(Optional.of(redis), Optional.of(RedisSettings.of(redis.host(), redis.port())));
        }
        String[] parts = option.get().split(":");
        return new DemoRedis(Optional.empty(), Optional.of(RedisSettings.of(parts[0], Integer.parseInt(parts[1]))));
    }

    /** The builder with the demo's Redis log streams and deployment events, when it has a Redis. */
    ThreebotDeployer.Builder configure(ThreebotDeployer.Builder builder) {
        ThreebotDeployer.Builder configured = settings.map(s -> builder.logs(RedisLogStreams.of(s.host(), s.port())))
                .orElse(builder);
        return events.map(configured::events).orElse(configured);
    }

    void describe(PrintStream out) {
        settings.ifPresent(s -> out.println("Container logs and deployment events go to " + s
                + (local.isPresent() ? " (a redis-server started for this demo)" : "") + "; follow every deployment"
                + " with: redis-cli -p " + s.port() + " psubscribe '" + RedisDeploymentEvents.DEFAULT_PREFIX + "*'"));
    }

    Optional<TailCommand> tail(PrintStream out) {
        return settings.map(s -> new TailCommand(s, out));
    }

    @Override
    public void close() {
        events.ifPresent(RedisDeploymentEvents::close);
        local.ifPresent(LocalRedis::close);
    }
}
