package io.threebot.deployer.internal.chat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Tells clients that await a session's change that it changed, without a monitor. Sessions are spread over stripes
 * by their id; each stripe has a signal that the next change of one of its sessions completes (and replaces), so a
 * change wakes the clients of its own session and the few sharing its stripe, not every client waiting.
 *
 * <p>A client takes the signal before it reads the store ({@link #next(String)}) and then waits on it
 * ({@link Signal#await(Duration)}): a change made after the read has completed that signal, so it is never slept
 * through.
 */
final class ChangeSignals {
    private final AtomicReferenceArray<CompletableFuture<Void>> stripes;

    /** A change to come, taken before reading what it would change. */
    static final class Signal {
        private final CompletableFuture<Void> change;

        private Signal(CompletableFuture<Void> change) {
            this.change = change;
        }

        /** Waits until the change came or {@code timeout} passed; true when it came. */
        boolean await(Duration timeout) throws InterruptedException {
            try {
                change.get(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException("a change signal is never completed exceptionally", e);
            }
        }
    }

    ChangeSignals(int stripeCount) {
        if (stripeCount < 1) {
            throw new IllegalArgumentException("stripeCount must be positive");
        }
        stripes = new AtomicReferenceArray<>(stripeCount);
        for (int i = 0; i < stripeCount; i++) {
            stripes.set(i, new CompletableFuture<>());
        }
    }

    /** The signal of the next change of the session (or of one sharing its stripe). */
    Signal next(String sessionId) {
        return new Signal(stripes.get(stripe(sessionId)));
    }

    /** Wakes every client awaiting a change of the session's stripe. */
    void changed(String sessionId) {
        stripes.getAndSet(stripe(sessionId), new CompletableFuture<>()).complete(null);
    }

    private int stripe(String sessionId) {
        return Math.floorMod(sessionId.hashCode(), stripes.length());
    }
}
