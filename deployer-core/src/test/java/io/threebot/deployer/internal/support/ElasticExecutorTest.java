package io.threebot.deployer.internal.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ElasticExecutorTest {
    @Test
    void tasksOneAfterAnotherShareOneThread() throws Exception {
        ElasticExecutor executor = ElasticExecutor.create("one", 100, 256 * 1024);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        LinkedTransferQueue<Runnable> queue = (LinkedTransferQueue<Runnable>) executor.getQueue();
        for (int i = 0; i < 50; i++) {
            // a task's result is out a moment before its thread waits for the next: wait for it to wait
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (i > 0 && !queue.hasWaitingConsumer() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            executor.submit(() -> threads.add(Thread.currentThread().getName())).get();
        }
        executor.shutdown();
        assertThat(threads).as("an idle thread is reused, not one made per task (as a fixed pool of 100 would)")
                .hasSize(1);
    }

    @Test
    void beyondItsThreadsTasksWaitAndAllRun() throws Exception {
        ElasticExecutor executor = ElasticExecutor.create("few", 3, 0);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(20);
        CountDownLatch allThreadsBusy = new CountDownLatch(3);
        for (int i = 0; i < 20; i++) {
            executor.execute(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                allThreadsBusy.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                done.countDown();
            });
        }
        assertThat(executor.waitingTasks()).isEqualTo(17);
        assertThat(allThreadsBusy.await(5, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(most.get()).isEqualTo(3);
        assertThat(executor.getLargestPoolSize()).isEqualTo(3);
        executor.shutdown();
    }

    @Test
    void aShutDownExecutorRefusesAndHandsBackWhatWaited() throws Exception {
        ElasticExecutor executor = ElasticExecutor.create("stop", 1, 0);
        CountDownLatch started = new CountDownLatch(1);
        executor.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        started.await();
        executor.execute(() -> { });
        assertThat(executor.shutdownNow()).hasSize(1);
        assertThatThrownBy(() -> executor.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void noTaskIsLostWhenTasksArriveJustAsThreadsFinish() throws Exception {
        ElasticExecutor executor = ElasticExecutor.create("stress", 2, 0);
        int submitters = 4;
        int perSubmitter = 20_000;
        CountDownLatch done = new CountDownLatch(submitters * perSubmitter);
        Thread[] threads = new Thread[submitters];
        for (int s = 0; s < submitters; s++) {
            threads[s] = new Thread(() -> {
                for (int i = 0; i < perSubmitter; i++) {
                    executor.execute(done::countDown);
                    if (i % 64 == 0) {
                        Thread.onSpinWait(); // let the pool's threads finish and go idle between bursts
                    }
                }
            });
            threads[s].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(done.await(20, TimeUnit.SECONDS)).as("%d tasks never ran", done.getCount()).isTrue();
        assertThat(executor.getLargestPoolSize()).isLessThanOrEqualTo(2);
        executor.shutdown();
    }

    @Test
    void aTaskArrivingJustAsTheOnlyThreadFinishesStillRuns() throws Exception {
        ElasticExecutor executor = ElasticExecutor.create("race", 1, 0);
        for (int round = 0; round < 20_000; round++) {
            CountDownLatch first = new CountDownLatch(1);
            CountDownLatch second = new CountDownLatch(1);
            executor.execute(first::countDown);
            // the thread is finishing the first task now
            assertThat(first.await(2, TimeUnit.SECONDS)).as("round %d: the first task never ran", round).isTrue();
            executor.execute(second::countDown);
            assertThat(second.await(2, TimeUnit.SECONDS)).as("round %d: the second task never ran", round).isTrue();
        }
        executor.shutdown();
    }

    @Test
    void pastItsWaitingRoomATaskIsRefusedAtOnce() throws Exception {
        ElasticExecutor executor = ElasticExecutor.create("full", 1, 2, 0);
        CountDownLatch release = new CountDownLatch(1);
        executor.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        executor.execute(() -> { });
        executor.execute(() -> { });
        assertThatThrownBy(() -> executor.execute(() -> { })).isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("2 tasks wait already");
        release.countDown();
        executor.shutdown();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
}
