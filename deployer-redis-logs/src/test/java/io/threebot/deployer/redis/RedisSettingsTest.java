package io.threebot.deployer.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisSettingsTest {
    @Test
    void reconnectPausesDoubleWithJitterUpToTheLongest() {
        RedisSettings settings = RedisSettings.builder("127.0.0.1", 6379)
                .retry(Duration.ofMillis(100), Duration.ofSeconds(5)).build();
        for (int i = 0; i < 50; i++) {
            assertThat(settings.retryPause(1).toMillis()).isBetween(75L, 125L);
            assertThat(settings.retryPause(3).toMillis()).isBetween(300L, 500L);
            assertThat(settings.retryPause(30)).isBetween(Duration.ofMillis(3750), Duration.ofSeconds(5));
        }
    }
}
