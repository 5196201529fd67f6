package io.threebot.deployer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.model.ContainerSpec;
import io.threebot.deployer.model.LogConfig;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisLogStreamsTest {
    @Test
    void containersGetTheLowerCaseChannelOfTheirOwnerAndName() {
        LogConfig config = RedisLogStreams.of("logs.example.org", 6379).configFor("Alice", "MyBot").orElseThrow();
        assertThat(config.channelName()).isEqualTo("alice-threebot-mybot");
        assertThat(config.stdoutUrl()).isEqualTo("redis://logs.example.org:6379/alice-threebot-mybot-stdout");
        assertThat(config.stderrChannel()).isEqualTo("alice-threebot-mybot-stderr");
    }

    @Test
    void aDeployed3BotsContainerCarriesTheLogConfiguration() {
        TestWorld world = TestWorld.sample();
        try (ThreebotDeployer deployer = world.deployer(TestWorld.fastSettings().build(),
                RedisLogStreams.of("logs.example.org", 6380))) {
            ChatDriver.start(deployer, "alice").runToEnd(Map.of());
            Threebot bot = Internals.storedThreebots(deployer, "alice").get(0);
            ContainerSpec container = (ContainerSpec) world.grid.getWorkload(bot.workloadIds().get(2)).orElseThrow()
                    .spec();
            assertThat(container.logs()).contains(new LogConfig("redis", "logs.example.org", 6380,
                    "alice-threebot-mybot"));
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> RedisLogStreams.of(" ", 6379)).hasMessageContaining("blank");
        assertThatThrownBy(() -> RedisLogStreams.of("h", 70000)).hasMessageContaining("1 to 65535");
    }
}
