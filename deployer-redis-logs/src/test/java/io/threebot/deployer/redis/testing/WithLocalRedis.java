package io.threebot.deployer.redis.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.threebot.deployer.redis.testkit.LocalRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of the integration tests that need a real redis-server: one for the test class, stopped after it. */
public abstract class WithLocalRedis {
    protected static LocalRedis redis;

    @BeforeAll
    static void startRedis() {
        assertTrue(LocalRedis.available(), "redis-server is not installed (scripts/test.sh installs it)");
        redis = LocalRedis.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
            redis = null;
        }
    }
}
