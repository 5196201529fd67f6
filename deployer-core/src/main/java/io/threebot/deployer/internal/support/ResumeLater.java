package io.threebot.deployer.internal.support;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Thrown by a long step's work to end this run and be run again after a pause or once something it waits for
 * completes, under the same lease, with no thread held meanwhile. The run leaves a note for the next one (what it
 * read, what it waits for, when the wait began), which the next run finds through {@link #left(Class)}; a step taken
 * over elsewhere starts without one.
 */
public final class ResumeLater extends RuntimeException {
    private static final ThreadLocal<Object> LEFT = new ThreadLocal<>();

    private final transient Duration pause;
    private final transient CompletableFuture<?> wake;
    private final transient Object note;
    private final transient CompletableFuture<?> settling;

    /**
     * @param pause how long to wait before the step runs again
     * @param note  what the next run finds through {@link #left(Class)}
     */
    public ResumeLater(Duration pause, Object note) {
        super("the step runs again in " + pause, null, false, false);
        this.pause = Objects.requireNonNull(pause, "pause");
        this.wake = null;
        this.note = Objects.requireNonNull(note, "note");
        this.settling = null;
    }

    private ResumeLater(CompletableFuture<?> wake, Object note, CompletableFuture<?> settling) {
        super("the step runs again once what it waits for completes", null, false, false);
        this.pause = null;
        this.wake = Objects.requireNonNull(wake, "wake");
        this.note = Objects.requireNonNull(note, "note");
        this.settling = settling;
    }

    /**
     * Runs the step again once {@code wake} completes, however it completes; it must complete in bounded time (a
     * wait with a deadline), since nothing else resumes the step.
     */
    public static ResumeLater when(CompletableFuture<?> wake, Object note) {
        return new ResumeLater(wake, note, null);
    }

    /**
     * {@link #when}, for a step that left work going on beside it (a branch on another thread): when the runner
     * closes while the step is paused, the step's lease is let go only once {@code settling} completed (within a
     * bound), so that the work journals what it sent before another deployer may take the step over.
     */
    public static ResumeLater when(CompletableFuture<?> wake, Object note, CompletableFuture<?> settling) {
        return new ResumeLater(wake, note, Objects.requireNonNull(settling, "settling"));
    }

    /** What must complete before the paused step's lease goes when the runner closes; empty when nothing. */
    public Optional<CompletableFuture<?>> settling() {
        return Optional.ofNullable(settling);
    }

    /** How long to wait before the step runs again; empty when it runs again once {@link #wake()} completes. */
    public Optional<Duration> pause() {
        return Optional.ofNullable(pause);
    }

    /** What the step runs again after, once it completes; empty when it runs again after {@link #pause()}. */
    public Optional<CompletableFuture<?>> wake() {
        return Optional.ofNullable(wake);
    }

    public Object note() {
        return note;
    }

    /** The note the run before this one left, when it asked to be run again; empty on a step's first run. */
    public static <T> Optional<T> left(Class<T> type) {
        Object note = LEFT.get();
        return type.isInstance(note) ? Optional.of(type.cast(note)) : Optional.empty();
    }

    /** The work of one run of a step. */
    @FunctionalInterface
    public interface Run {
        void run() throws Exception;
    }

    /** Runs one run of a step with the note the run before left (null on its first run); the step runner's call. */
    public static void runWith(Object note, Run run) throws Exception {
        Object before = LEFT.get();
        LEFT.set(note);
        try {
            run.run();
        } finally {
            if (before == null) {
                LEFT.remove();
            } else {
                LEFT.set(before);
            }
        }
    }
}
