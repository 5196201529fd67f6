package io.threebot.deployer.internal.chat;

import io.threebot.deployer.internal.store.Leases;

/**
 * One run of a long step: the lease it runs under, and the thread to interrupt when that lease is lost. Made by
 * {@link StepRuns}, which attaches the lease once it is acquired; the runner binds its thread while the step runs.
 */
final class StepRun {
    private volatile Leases.Held lease;
    private volatile Thread thread;
    private volatile boolean lost;
    private volatile Runnable onLost;

    /** The lease the step runs under. */
    Leases.Held lease() {
        return lease;
    }

    void attach(Leases.Held held) {
        lease = held;
    }

    /** The thread that runs the step from now on (null once it stopped running it). */
    void bind(Thread runner) {
        thread = runner;
    }

    /** What to do when the lease is lost while no thread runs the step (it is paused): resume it at once. */
    void onLeaseLost(Runnable action) {
        onLost = action;
    }

    /** Called when the lease is lost: marks the run lost and interrupts its thread, if any, or wakes it if paused. */
    void leaseLost() {
        lost = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        Runnable wake = onLost;
        if (wake != null) {
            wake.run();
        }
    }

    /** Whether the run lost its lease (told so, or found it no longer held). */
    boolean leaseGone() {
        return lost || !lease.held();
    }
}
