package io.threebot.deployer.internal.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each task on an idle thread, or a new one while fewer than {@code maxThreads} run, and queues the rest
 * until a thread is free. Unlike a fixed pool, it makes a thread only when none is idle, so a burst of short
 * tasks does not leave one thread per task behind; idle threads end after the keep-alive.
 */
public final class ElasticExecutor extends ThreadPoolExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticExecutor.class);

    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    private ElasticExecutor(int maxThreads, long keepAliveSeconds, ThreadFactory threads) {
        super(0, maxThreads, keepAliveSeconds, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
        setRejectedExecutionHandler((task, executor) -> {
            if (executor.isShutdown()) {
                throw new RejectedExecutionException("the executor is shut down");
            }
            waiting.add(task);
        });
    }

    /**
     * An executor of daemon threads named {@code name-N}.
     *
     * @param stackBytes the threads' stack size, 0 for the JVM's default
     */
    public static ElasticExecutor create(String name, int maxThreads, long stackBytes) {
        if (maxThreads < 1) {
            throw new IllegalArgumentException("maxThreads must be positive");
        }
        AtomicInteger count = new AtomicInteger();
        return new ElasticExecutor(maxThreads, 60, task -> {
            Thread t = new Thread(null, task, name + "-" + count.incrementAndGet(), stackBytes);
            t.setDaemon(true);
            return t;
        });
    }

    /** Tasks queued because every thread was busy. */
    public int waitingTasks() {
        return waiting.size();
    }

    @Override
    protected void afterExecute(Runnable finished, Throwable failure) {
        // the thread that finished takes the queued tasks before it goes idle
        Runnable next;
        while (!isShutdown() && (next = waiting.poll()) != null) {
            // an interrupt meant for the task that finished is not for the next one
            Thread.interrupted();
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.warn("A queued task failed", e);
            }
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> notRun = new ArrayList<>(super.shutdownNow());
        Runnable next;
        while ((next = waiting.poll()) != null) {
            notRun.add(next);
        }
        return notRun;
    }
}
