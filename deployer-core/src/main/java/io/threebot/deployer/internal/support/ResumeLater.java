package io.threebot.deployer.internal.support;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown by a long step's work to end this run and be run again after a pause, under the same lease, with no thread
 * held meanwhile: how a step waits for something it can only poll. The run may leave a note for the next one (what
 * it read, when the wait began), which the next run finds through {@link #left(Class)}; a step taken over elsewhere
 * starts without one.
 */
public final class ResumeLater extends RuntimeException {
    private static final ThreadLocal<Object> LEFT = new ThreadLocal<>();

    private final transient Duration pause;
    private final transient Object note;

    /**
     * @param pause how long to wait before the step runs again
     * @param note  what the next run finds through {@link #left(Class)}
     */
    public ResumeLater(Duration pause, Object note) {
        super("the step runs again in " + pause, null, false, false);
        this.pause = Objects.requireNonNull(pause, "pause");
        this.note = Objects.requireNonNull(note, "note");
    }

    public Duration pause() {
        return pause;
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
