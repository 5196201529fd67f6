package io.threebot.deployer.internal.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ElasticExecutorTest {
    @Test
    void tasksOneAfterAnotherShareOneThread() throws Exception {
        ElasticExecutor executor = ElasticExecutor.create("one", 100, 256 * 1024);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 50; i++) {
            executor.submit(() -> threads.add(Thread.currentThread().getName())).get();
        }
        executor.shutdown();
        assertThat(threads).as("idle threads are reused, not one made per task (as a fixed pool of 100 would)")
                .hasSizeLessThanOrEqualTo(5);
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
}
