package io.threebot.deployer.internal.support;

import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs each task on an idle thread, or a new one while fewer than {@code maxThreads} run, and queues the rest (up to
 * {@code maxWaiting}; beyond, a task is refused at once) until a thread is free. Unlike a fixed pool, it makes a
 * thread only when none is idle, so a burst of short tasks does not leave one thread per task behind; idle threads
 * end after the keep-alive.
 *
 * <p>The queue is the pool's own work queue ({@link HandOffQueue}): offering a task hands it to an idle thread or
 * says no, which makes the pool start a thread; a task no thread could take goes into that same queue, which every
 * thread reads when it finishes its task or waits idle. So no task waits while a thread idles.
 */
public final class ElasticExecutor extends ThreadPoolExecutor {
    /** How many tasks may wait by default for a thread. */
    public static final int DEFAULT_MAX_WAITING = 100_000;

    private ElasticExecutor(int maxThreads, int maxWaiting, long keepAliveSeconds, ThreadFactory threads) {
        super(0, maxThreads, keepAliveSeconds, TimeUnit.SECONDS, new HandOffQueue(), threads);
        setRejectedExecutionHandler((task, executor) -> {
            if (executor.isShutdown()) {
                throw new RejectedExecutionException("the executor is shut down");
            }
            HandOffQueue queue = (HandOffQueue) executor.getQueue();
            if (queue.size() >= maxWaiting) {
                throw new RejectedExecutionException("every thread is busy and " + maxWaiting + " tasks wait already");
            }
            queue.enqueue(task);
        });
    }

    /**
     * An executor of daemon threads named {@code name-N}, with up to {@link #DEFAULT_MAX_WAITING} tasks waiting.
     *
     * @param stackBytes the threads' stack size, 0 for the JVM's default
     */
    public static ElasticExecutor create(String name, int maxThreads, long stackBytes) {
        return create(name, maxThreads, DEFAULT_MAX_WAITING, stackBytes);
    }

    /**
     * An executor of daemon threads named {@code name-N}.
     *
     * @param maxWaiting how many tasks may wait for a thread; one more is refused with
     *                   {@link RejectedExecutionException}
     * @param stackBytes the threads' stack size, 0 for the JVM's default
     */
    public static ElasticExecutor create(String name, int maxThreads, int maxWaiting, long stackBytes) {
        if (maxThreads < 1 || maxWaiting < 0) {
            throw new IllegalArgumentException("maxThreads must be positive and maxWaiting not negative");
        }
        AtomicInteger count = new AtomicInteger();
        return new ElasticExecutor(maxThreads, maxWaiting, 60, task -> {
            Thread t = new Thread(null, task, name + "-" + count.incrementAndGet(), stackBytes);
            t.setDaemon(true);
            return t;
        });
    }

    /** Tasks queued because every thread was busy. */
    public int waitingTasks() {
        return getQueue().size();
    }

    /**
     * The pool's work queue: {@link #offer} hands a task to a thread that waits for one, or refuses it (so the pool
     * starts a thread, or, at its most, queues it through {@link #enqueue}).
     */
    private static final class HandOffQueue extends LinkedTransferQueue<Runnable> {
        @Override
        public boolean offer(Runnable task) {
            return tryTransfer(task);
        }

        void enqueue(Runnable task) {
            super.offer(task);
        }
    }
}
