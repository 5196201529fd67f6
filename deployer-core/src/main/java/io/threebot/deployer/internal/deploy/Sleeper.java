package io.threebot.deployer.internal.deploy;

import java.time.Duration;

/** How a wait pauses between two polls: {@link Thread#sleep} unless a test passes time its own way. */
@FunctionalInterface
interface Sleeper {
    /** The thread's own sleep. */
    Sleeper THREAD = pause -> Thread.sleep(pause.toMillis(), pause.toNanosPart() % 1_000_000);

    void sleep(Duration pause) throws InterruptedException;
}
