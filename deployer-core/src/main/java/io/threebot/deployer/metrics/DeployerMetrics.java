package io.threebot.deployer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.spi.DeploymentEvents;
import io.threebot.deployer.spi.GridClient;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Micrometer meters for a deployer: counters of deploys started, succeeded and failed, of retries, compensations,
 * payment requests and refunds, and of the damaged 3Bot records owners' listings met
 * ({@code threebot.records.damaged}, each record counted once); timers of deployment steps and of grid calls; gauges
 * a host adds for open chats or {@code LogTail} drops. Micrometer is an optional dependency: only hosts that use this class need it.
 *
 * <pre>{@code
 * DeployerMetrics metrics = new DeployerMetrics(registry);
 * ThreebotDeployer deployer = ThreebotDeployer.builder().grid(metrics.timed(explorer)).events(metrics)...build();
 * metrics.gauge("threebot.chats.open", deployer::openChats);
 * }</pre>
 *
 * <p>Publishing is fast and never throws, as {@link DeploymentEvents} asks; it may be called from many threads.
 */
public final class DeployerMetrics implements DeploymentEvents {
    private final MeterRegistry registry;
    /** The damaged records counted already, so a listing shown again does not count its damaged 3Bot again. */
    private final Set<String> damaged = ConcurrentHashMap.newKeySet();

    /**
     * Meters in the host's registry; a counter of damaged records ({@code threebot.records.damaged}) is there from
     * the start, at zero, so an operator can alert on it.
     */
    public DeployerMetrics(MeterRegistry registry) {
        this.registry = registry;
        Counter.builder("threebot.records.damaged").tag("kind", "threebots").register(registry);
    }

    @Override
    public void publish(DeploymentEvent event) {
        try {
            switch (event.kind()) {
                case STARTED -> count("threebot.deploys", "outcome", "started");
                case SUCCEEDED -> count("threebot.deploys", "outcome", "succeeded");
                case FAILED -> count("threebot.deploys", "outcome", "failed");
                case RETRIED -> count("threebot.deploy.retries", "step", event.step());
                case COMPENSATED -> count("threebot.deploy.compensations", "step", event.step());
                case PAYMENT_REQUESTED -> count("threebot.payments", "state", "requested");
                case PAYMENT_RECEIVED -> count("threebot.payments", "state", "received");
                case REFUNDED -> count("threebot.refunds", "step", event.step());
                case RECORD_DAMAGED -> {
                    if (damaged.add(event.deploymentId())) {
                        count("threebot.records.damaged", "kind", "threebots");
                    }
                }
                case STEP_ENDED -> event.took().ifPresent(took -> Timer.builder("threebot.deploy.steps")
                        .tag("step", event.step()).tag("outcome", event.message()).register(registry).record(took));
                default -> {
                    // progress and step starts are not counted
                }
            }
        } catch (RuntimeException e) {
            // a meter registry that fails must not fail a deployment
        }
    }

    /**
     * The grid with every call timed ({@code threebot.grid.calls}, tagged with the operation and whether it
     * succeeded).
     */
    public GridClient timed(GridClient grid) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(grid, args);
            }
            long start = System.nanoTime();
            String outcome = "ok";
            try {
                return method.invoke(grid, args);
            } catch (InvocationTargetException e) {
                outcome = "failed";
                throw e.getCause();
            } finally {
                Timer.builder("threebot.grid.calls").tag("operation", method.getName()).tag("outcome", outcome)
                        .register(registry).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        };
        return (GridClient) Proxy.newProxyInstance(GridClient.class.getClassLoader(), new Class<?>[] {GridClient.class},
                handler);
    }

    /** Adds a gauge, e.g. {@code threebot.chats.open} from {@code deployer::openChats}. */
    public void gauge(String name, Supplier<Number> value) {
        Gauge.builder(name, value, v -> v.get().doubleValue()).strongReference(true).register(registry);
    }

    private void count(String name, String tag, String value) {
        Counter.builder(name).tag(tag, value.toLowerCase(Locale.ROOT)).register(registry).increment();
    }
}
