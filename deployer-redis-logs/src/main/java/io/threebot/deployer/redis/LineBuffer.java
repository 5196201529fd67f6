package io.threebot.deployer.redis;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded buffer between a {@link LogTail}'s subscriber thread and its consumer: lines go in a message's worth
 * at a time and come out a batch at a time, one lock acquisition each, so the two threads rarely meet on the lock.
 * A consumer that finds it empty yields a few times before it sleeps, so while lines stream in it seldom needs
 * waking. When full it drops lines by the {@link TailOptions.DropPolicy} and says how many.
 */
final class LineBuffer {
    /** How often an empty buffer's consumer yields, looking for lines, before it sleeps. */
    private static final int YIELDS = 5;

    private final LogLine[] ring;
    private final TailOptions.DropPolicy policy;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private int head;
    /** Written under the lock only; read without it by a consumer looking before it locks. */
    private volatile int count;
    private int sleeping;

    LineBuffer(int capacity, TailOptions.DropPolicy policy) {
        this.ring = new LogLine[capacity];
        this.policy = policy;
    }

    /**
     * Adds {@code lines[0..n)} in order.
     *
     * @return how many lines were dropped to keep within the capacity (new or old ones, by the policy)
     */
    int offer(LogLine[] lines, int n) {
        int dropped = 0;
        lock.lock();
        try {
            int size = count;
            int oldest = head;
            for (int i = 0; i < n; i++) {
                if (size < ring.length) {
                    ring[wrap(oldest + size)] = lines[i];
                    size++;
                } else if (policy == TailOptions.DropPolicy.DROP_OLDEST) {
                    ring[oldest] = lines[i];
                    oldest = wrap(oldest + 1);
                    dropped++;
                } else {
                    dropped++;
                }
            }
            head = oldest;
            count = size;
            if (sleeping > 0 && size > 0) {
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
        return dropped;
    }

    /**
     * Moves up to {@code into.length} of the oldest lines into {@code into}, waiting up to {@code timeout} for one.
     *
     * @return how many it moved; 0 when none came in time
     */
    int drain(LogLine[] into, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        for (int i = 0; i < YIELDS && count == 0 && nanos > 0; i++) {
            Thread.yield();
        }
        lock.lockInterruptibly();
        try {
            while (count == 0) {
                if (nanos <= 0) {
                    return 0;
                }
                sleeping++;
                try {
                    nanos = notEmpty.awaitNanos(nanos);
                } finally {
                    sleeping--;
                }
            }
            int n = Math.min(count, into.length);
            int first = Math.min(n, ring.length - head);
            System.arraycopy(ring, head, into, 0, first);
            Arrays.fill(ring, head, head + first, null);
            System.arraycopy(ring, 0, into, first, n - first);
            Arrays.fill(ring, 0, n - first, null);
            head = wrap(head + n);
            count -= n;
            if (sleeping > 0 && count > 0) {
                notEmpty.signal();
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    boolean isEmpty() {
        return count == 0;
    }

    private int wrap(int index) {
        return index >= ring.length ? index - ring.length : index;
    }
}
