package io.threebot.deployer.examples;

import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.model.IdentityNames;
import io.threebot.deployer.model.LogConfig;
import io.threebot.deployer.redis.LogChunkEncoder;
import io.threebot.deployer.redis.LogLine;
import io.threebot.deployer.redis.LogTail;
import io.threebot.deployer.redis.RedisSettings;
import io.threebot.deployer.redis.TailOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import redis.clients.jedis.Jedis;

/**
 * The demo's {@code tail:SECONDS} command: follows a 3Bot's container output on Redis for a while and prints it.
 * Containers on the simulated grid do not run, so the demo first publishes a few lines the way a 3Bot's container
 * would (text lines and a gzip chunk), then prints whatever arrives on the 3Bot's channels.
 */
final class TailCommand {
    private final RedisSettings redis;
    private final PrintStream out;

    TailCommand(RedisSettings redis, PrintStream out) {
        this.redis = redis;
        this.out = out;
    }

    void run(String owner, ThreebotView bot, Duration howLong) {
        String channel = LogConfig.channelNameFor(owner, bot.name());
        out.println("  following " + channel + "-stdout and -stderr on " + redis + " for " + howLong.toSeconds()
                + " s");
        try (LogTail tail = LogTail.follow(redis, channel, TailOptions.defaults())) {
            if (!tail.awaitSubscribed(Duration.ofSeconds(5))) {
                throw new IllegalArgumentException("cannot subscribe on " + redis + "; is redis-server running?");
            }
            publishSampleOutput(channel, owner, bot);
            long deadline = System.nanoTime() + howLong.toNanos();
            while (System.nanoTime() < deadline) {
                Optional<LogLine> line = tail.poll(Duration.ofMillis(100));
                line.ifPresent(l -> out.println("  " + (l.stream() == LogLine.Stream.STDERR ? "err| " : "out| ")
                        + l.text()));
            }
            out.println("  " + tail.received() + " lines received, " + tail.dropped() + " dropped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publishSampleOutput(String channel, String owner, ThreebotView bot) {
        try (Jedis jedis = redis.connect()) {
            jedis.publish(channel + "-stdout", "Starting 3Bot " + bot.name() + " on " + bot.nodeId());
            jedis.publish((channel + "-stdout").getBytes(StandardCharsets.UTF_8), LogChunkEncoder.gzip(
                    "Installing packages: admin, backup, threebot_deployer\nRegistering identity " + IdentityNames.of(owner, bot.name())
                    + "\nRequesting a certificate for " + bot.domain() + "\n"));
            jedis.publish(channel + "-stderr", "warning: no e-mail server configured");
            jedis.publish(channel + "-stdout", "3Bot is up at " + bot.url());
        }
    }
}
