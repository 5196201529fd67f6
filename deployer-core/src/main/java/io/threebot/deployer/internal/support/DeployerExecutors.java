package io.threebot.deployer.internal.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The threads of one deployer, in separate pools so that one kind of work cannot starve another: the chats' long
 * steps, the branches of deployments (long grid calls), short grid queries (capacity checks), the listing's
 * reachability probes, and the sweeper. Every pool makes its threads only when work comes, so a deployer that was
 * built but not started has none; {@link #stop()} stops them all.
 */
public final class DeployerExecutors {
    /** Long steps mostly wait on the grid: their threads need little stack. */
    private static final long STEP_STACK_BYTES = 256 * 1024;
    /** How many short grid queries may wait for a thread before one more is refused. */
    static final int MAX_WAITING_QUERIES = 10_000;

    private final ExecutorService flow;
    private final boolean ownsFlow;
    private final ExecutorService gridBranches;
    private final ExecutorService gridQueries;
    private final ExecutorService probes;
    private final ScheduledExecutorService sweeper;

    /** The sizes of the pools. */
    public record Sizes(int maxConcurrentSteps, int gridThreads, int probeThreads) {
        public Sizes {
            if (maxConcurrentSteps < 1 || gridThreads < 1 || probeThreads < 1) {
                throw new IllegalArgumentException("every pool needs at least one thread");
            }
        }
    }

    /**
     * @param hostFlow the host's executor for the chats' long steps, left running on close; empty for a pool of
     *                 the deployer's own
     */
    public DeployerExecutors(Sizes sizes, Optional<ExecutorService> hostFlow) {
        Objects.requireNonNull(sizes, "sizes");
        this.ownsFlow = hostFlow.isEmpty();
        this.flow = hostFlow.orElseGet(() -> ElasticExecutor.create("threebot-flow", sizes.maxConcurrentSteps(),
                STEP_STACK_BYTES));
        this.gridBranches = ElasticExecutor.create("threebot-grid", sizes.gridThreads(), 0);
        this.gridQueries = ElasticExecutor.create("threebot-grid-query", sizes.gridThreads(), MAX_WAITING_QUERIES,
                0);
        this.probes = ElasticExecutor.create("threebot-probe", sizes.probeThreads(), 0);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "threebot-deployer-sweep");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs the chats' long steps. */
    public ExecutorService flow() {
        return flow;
    }

    /** Runs the branches of a deployment beside its own thread: long grid calls that wait for workloads. */
    public ExecutorService gridBranches() {
        return gridBranches;
    }

    /**
     * Runs short grid queries (a farm's nodes for a capacity check), apart from the long branches so that many
     * deployments under way never hold a capacity check up; a bounded number wait, one more is refused.
     */
    public ExecutorService gridQueries() {
        return gridQueries;
    }

    /** Runs the listing's reachability probes. */
    public ExecutorService probes() {
        return probes;
    }

    /** Runs the deployer's periodic sweeps. */
    public ScheduledExecutorService sweeper() {
        return sweeper;
    }

    /**
     * Interrupts the work of every pool the deployer made (a host's executor is left running) and takes no more; it
     * does not wait: {@link #awaitStopped(Duration)} does.
     */
    public void stop() {
        owned().forEach(ExecutorService::shutdownNow);
    }

    /**
     * Waits, up to {@code timeout} in all, until the threads of every pool the deployer made have ended.
     *
     * @return true when every thread ended in time
     */
    public boolean awaitStopped(Duration timeout) {
        return Shutdowns.awaitAll(timeout, owned());
    }

    private List<ExecutorService> owned() {
        List<ExecutorService> owned = new ArrayList<>(List.of(sweeper, gridQueries, gridBranches, probes));
        if (ownsFlow) {
            owned.add(flow);
        }
        return owned;
    }
}
