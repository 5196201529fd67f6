package io.threebot.deployer.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.spi.DeploymentEvents;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Publishes every deployment's events as JSON to a Redis channel of its own, {@code <prefix><deploymentId>}, so an
 * operator can follow one deployment ({@code SUBSCRIBE}) or all of them ({@code PSUBSCRIBE <prefix>*}):
 *
 * <pre>{@code {"deploymentId":"…","owner":"alice","threebot":"mybot","kind":"PROGRESS","step":"set-up",
 *  "message":"Creating your 3Bot's private network.","at":"2026-11-25T10:00:00Z"}}</pre>
 *
 * <p>{@link #publish} only queues the event; one background thread sends them. When Redis is slow or down, events
 * are dropped and counted ({@link #dropped()}), never waited for, so deployments go on at full speed.
 */
public final class RedisDeploymentEvents implements DeploymentEvents, AutoCloseable {
    /** The channel prefix used unless another is given. */
    public static final String DEFAULT_PREFIX = "threebot-deployer:deployment:";
    private static final Logger LOG = LoggerFactory.getLogger(RedisDeploymentEvents.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisSettings settings;
    private final String prefix;
    private final BlockingQueue<Map.Entry<String, String>> queue;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread sender;
    private volatile boolean closed;
    private Jedis jedis;
    private long retryAt;
    private int failures;

    private RedisDeploymentEvents(RedisSettings settings, String prefix, int capacity) {
        this.settings = settings;
        this.prefix = prefix;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sender = new Thread(this::sendUntilClosed, "deployment-events");
        this.sender.setDaemon(true);
    }

    /** Events to {@value #DEFAULT_PREFIX}{@code <deploymentId>}, up to 10 000 waiting. */
    public static RedisDeploymentEvents start(RedisSettings settings) {
        return start(settings, DEFAULT_PREFIX, 10_000);
    }

    /**
     * Events to {@code <prefix><deploymentId>}, with at most {@code capacity} waiting to be sent.
     */
    public static RedisDeploymentEvents start(RedisSettings settings, String prefix, int capacity) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(prefix, "prefix");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        RedisDeploymentEvents events = new RedisDeploymentEvents(settings, prefix, capacity);
        events.sender.start();
        return events;
    }

    /** The channel one deployment's events go to. */
    public String channel(String deploymentId) {
        return prefix + deploymentId;
    }

    @Override
    public void publish(DeploymentEvent event) {
        if (closed || !queue.offer(Map.entry(channel(event.deploymentId()), json(event)))) {
            dropped.incrementAndGet();
        }
    }

    /** Events sent to Redis. */
    public long published() {
        return published.get();
    }

    /** Events lost because Redis was down or slow, or the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    private static String json(DeploymentEvent event) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("deploymentId", event.deploymentId());
        fields.put("owner", event.owner());
        fields.put("threebot", event.threebotName());
        fields.put("kind", event.kind().name());
        fields.put("step", event.step());
        fields.put("message", event.message());
        fields.put("at", event.at().toString());
        event.took().ifPresent(took -> fields.put("tookMs", Long.toString(took.toMillis())));
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sendUntilClosed() {
        while (!closed || !queue.isEmpty()) {
            Map.Entry<String, String> event;
            try {
                event = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                if (queue.isEmpty()) {
                    break;
                }
                continue;
            }
            if (event != null) {
                send(event);
            }
        }
        disconnect();
    }

    private void send(Map.Entry<String, String> event) {
        if (jedis == null && System.nanoTime() < retryAt) {
            dropped.incrementAndGet();
            return;
        }
        try {
            if (jedis == null) {
                jedis = settings.connect();
            }
            jedis.publish(event.getKey(), event.getValue());
            published.incrementAndGet();
            failures = 0;
        } catch (JedisException e) {
            dropped.incrementAndGet();
            disconnect();
            failures++;
            Duration pause = settings.retryPause(failures);
            retryAt = System.nanoTime() + pause.toNanos();
            if (failures == 1) {
                LOG.warn("Deployment events cannot reach {} ({}); dropping them until it is back", settings,
                        e.getMessage());
            }
        }
    }

    private void disconnect() {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing the events connection failed", e);
            }
            jedis = null;
        }
    }

    /** Sends what is queued (for up to a second) and stops. */
    @Override
    public void close() {
        closed = true;
        try {
            sender.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
    }
}
