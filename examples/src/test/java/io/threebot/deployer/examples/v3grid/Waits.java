package io.threebot.deployer.examples.v3grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Waiting in the local grid's tests for what the chain and the nodes do on their own time. */
final class Waits {
    private Waits() {
    }

    /** Asks {@code probe} every 50 ms until it gives a value; fails the test, naming {@code what}, after {@code wait}. */
    static <T> T await(String what, Duration wait, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            assertThat(System.nanoTime()).as("waited for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
