package io.threebot.deployer.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.Internals;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.redis.testing.WithLocalRedis;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

class RedisDeploymentEventsIT extends WithLocalRedis {
    private static RedisSettings settings() {
        return RedisSettings.builder(redis.host(), redis.port()).connectTimeout(Duration.ofMillis(500))
                .commandTimeout(Duration.ofMillis(500)).retry(Duration.ofMillis(100), Duration.ofSeconds(1)).build();
    }

    @Test
    void anOperatorFollowsEveryDeploymentLiveAsJson() throws Exception {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        CountDownLatch subscribed = new CountDownLatch(1);
        CountDownLatch succeeded = new CountDownLatch(1);
        ObjectMapper json = new ObjectMapper();
        JedisPubSub operator = new JedisPubSub() {
            @Override
            public void onPSubscribe(String pattern, int count) {
                subscribed.countDown();
            }

            @Override
            public void onPMessage(String pattern, String channel, String message) {
                try {
                    JsonNode event = json.readTree(message);
                    assertThat(channel).isEqualTo(RedisDeploymentEvents.DEFAULT_PREFIX
                            + event.get("deploymentId").asText());
                    received.add(event);
                    if (event.get("kind").asText().equals("STEP_ENDED")
                            && event.get("step").asText().equals("initialize")) {
                        succeeded.countDown(); // the deployment's last event
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        Thread listener = new Thread(() -> {
            try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
                jedis.psubscribe(operator, RedisDeploymentEvents.DEFAULT_PREFIX + "*");
            } catch (RuntimeException e) {
                // unsubscribed
            }
        });
        listener.start();
        assertThat(subscribed.await(5, TimeUnit.SECONDS)).isTrue();

        TestWorld world = TestWorld.sample();
        RedisDeploymentEvents events = RedisDeploymentEvents.start(settings());
        try {
            try (events; ThreebotDeployer deployer = world.builder(TestWorld.fastSettings().build()).events(events)
                    .build().start()) {
                assertThat(ChatDriver.start(deployer, "alice").runToEnd(Map.of()).category())
                        .isEqualTo(Category.END);
                assertThat(succeeded.await(5, TimeUnit.SECONDS)).isTrue();
            }
            // the deployer is closed: what it published is final; what is still on its way arrives meanwhile
            assertThat(events.dropped()).isZero();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (received.size() < events.published() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(received).hasSize((int) events.published());
        } finally {
            operator.punsubscribe();
            listener.join(2000);
        }
        assertThat(received.get(0).get("kind").asText()).isEqualTo("PAYMENT_REQUESTED");
        assertThat(received).allSatisfy(e -> {
            assertThat(e.get("owner").asText()).isEqualTo("alice");
            assertThat(e.get("threebot").asText()).isEqualTo("mybot");
        });
        assertThat(received).extracting(e -> e.get("kind").asText())
                .containsSubsequence("PAYMENT_REQUESTED", "PAYMENT_RECEIVED", "STEP_STARTED", "STARTED", "PROGRESS",
                        "STEP_DONE", "SUCCEEDED", "STEP_ENDED")
                .last().isEqualTo("STEP_ENDED");
        assertThat(received).allSatisfy(e -> assertThat(e.get("at").asText()).matches("\\d{4}-.*Z"));
        assertThat(received).filteredOn(e -> e.get("kind").asText().equals("STEP_ENDED"))
                .allSatisfy(e -> assertThat(e.get("tookMs").asLong()).isNotNegative());
    }

    @Test
    void aDeploymentFinishesWhileRedisIsDown() {
        redis.kill();
        TestWorld world = TestWorld.sample();
        RedisDeploymentEvents events = RedisDeploymentEvents.start(settings());
        try (ThreebotDeployer deployer = world.builder(TestWorld.fastSettings().build()).events(events)
                .build().start()) {
            assertThat(ChatDriver.start(deployer, "alice").runToEnd(Map.of()).category()).isEqualTo(Category.END);
            assertThat(Internals.storedThreebots(deployer, "alice")).singleElement()
                    .satisfies(bot -> assertThat(bot.state().name()).isEqualTo("RUNNING"));
        } finally {
            events.close();
            redis.restart();
        }
        assertThat(events.published()).isZero();
        assertThat(events.dropped()).isPositive();
    }

    @Test
    @Timeout(120)
    void aRedisThatNeverAnswersDoesNotHoldADeploymentUp() throws Exception {
        // accepts connections and never answers: a publish that waited for Redis would wait ten minutes
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(blackHole.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            RedisDeploymentEvents events = RedisDeploymentEvents.start(RedisSettings.builder("127.0.0.1",
                    blackHole.getLocalPort()).commandTimeout(Duration.ofMinutes(10)).build());
            TestWorld world = TestWorld.sample();
            try (ThreebotDeployer deployer = world.builder(TestWorld.fastSettings().build()).events(events)
                    .build().start()) {
                assertThat(ChatDriver.start(deployer, "alice").runToEnd(Map.of()).category())
                        .isEqualTo(Category.END);
            } finally {
                events.close();
            }
            assertThat(accepted).isNotEmpty();
            assertThat(events.published()).isZero();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void eventsFlowAgainOnceRedisIsBack() throws Exception {
        try (RedisDeploymentEvents events = RedisDeploymentEvents.start(settings())) {
            redis.kill();
            events.publish(event("d1"));
            LogTailIT.await(() -> events.dropped() == 1);
            redis.restart();
            Thread.sleep(1100);
            events.publish(event("d2"));
            LogTailIT.await(() -> events.published() == 1);
        }
    }

    private static DeploymentEvent event(String id) {
        return new DeploymentEvent(id, "alice", "mybot", DeploymentEvent.Kind.PROGRESS, "set-up", "working",
                java.time.Instant.now());
    }
}
