package io.threebot.deployer.sim;

import io.threebot.deployer.grid.GridUnavailableException;
import io.threebot.deployer.model.WorkloadType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Faults to inject into the simulated grid: failing workloads by type or node, failing or slow calls.
 * Thread-safe; every rule can be changed while a deployment runs.
 */
public final class FailureInjector {
    private final Map<WorkloadType, Integer> workloadFailures = new EnumMap<>(WorkloadType.class);
    private final Set<String> failingNodes = new HashSet<>();
    private final Map<String, Integer> callFailures = new HashMap<>();
    private final Map<WorkloadType, Integer> refusedWorkloads = new EnumMap<>(WorkloadType.class);
    private final Map<String, Long> calls = new TreeMap<>();
    private volatile Duration callDelay = Duration.ZERO;

    /** The next {@code times} workloads of this type report an error. */
    public synchronized FailureInjector failNextWorkloads(WorkloadType type, int times) {
        workloadFailures.merge(type, times, Integer::sum);
        return this;
    }

    /** Every workload deployed on this node (or gateway) reports an error, until {@link #clear()}. */
    public synchronized FailureInjector failWorkloadsOnNode(String nodeId) {
        failingNodes.add(nodeId);
        return this;
    }

    /** The next {@code times} calls of the named {@link io.threebot.deployer.spi.GridClient} method fail. */
    public synchronized FailureInjector failNextCalls(String method, int times) {
        callFailures.merge(method, times, Integer::sum);
        return this;
    }

    /** The grid refuses the next {@code times} deploy calls for workloads of this type, as if it were down. */
    public synchronized FailureInjector refuseNextWorkloads(WorkloadType type, int times) {
        refusedWorkloads.merge(type, times, Integer::sum);
        return this;
    }

    /** Every grid call takes at least this long. */
    public FailureInjector delayCalls(Duration delay) {
        this.callDelay = delay;
        return this;
    }

    public synchronized void clear() {
        workloadFailures.clear();
        failingNodes.clear();
        callFailures.clear();
        refusedWorkloads.clear();
        callDelay = Duration.ZERO;
    }

    /**
     * How many times each grid method was called so far, by name, failed calls included: whoever watches the grid
     * sees whether anything asked it for something. {@link #clear()} leaves the counts.
     */
    public synchronized Map<String, Long> calls() {
        return new TreeMap<>(calls);
    }

    /** Called by the grid on entry to each method. */
    void onCall(String method) {
        synchronized (this) {
            calls.merge(method, 1L, Long::sum);
        }
        Duration delay = callDelay;
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GridUnavailableException("interrupted while calling the grid");
            }
        }
        synchronized (this) {
            Integer left = callFailures.get(method);
            if (left != null && left > 0) {
                callFailures.put(method, left - 1);
                throw new GridUnavailableException("simulated grid failure in " + method);
            }
        }
    }

    /** Called by the grid when a workload is sent; throws when it is to be refused. */
    synchronized void onDeploy(WorkloadType type) {
        Integer left = refusedWorkloads.get(type);
        if (left != null && left > 0) {
            refusedWorkloads.put(type, left - 1);
            throw new GridUnavailableException("simulated grid failure sending a "
                    + type.name().toLowerCase(Locale.ROOT) + " workload");
        }
    }

    /** Decides at deploy time whether a workload will fail, and with which message. */
    synchronized Optional<String> plannedFailure(WorkloadType type, String nodeId) {
        if (failingNodes.contains(nodeId)) {
            return Optional.of("simulated failure on node " + nodeId);
        }
        Integer left = workloadFailures.get(type);
        if (left != null && left > 0) {
            workloadFailures.put(type, left - 1);
            return Optional.of("simulated " + type.name().toLowerCase(Locale.ROOT) + " failure on " + nodeId);
        }
        return Optional.empty();
    }
}
