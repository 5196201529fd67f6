package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.errors.StopFlowException;
import io.threebot.deployer.internal.support.ResumeLater;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.spi.DeploymentEvents;
import io.threebot.deployer.spi.Progress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a deployment tells its observers: each step's start, end and duration, its progress and failures. An observer
 * that fails is logged and otherwise ignored.
 */
public final class DeploymentNotices {
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentNotices.class);

    private final DeploymentEvents events;
    private final Clock clock;

    public DeploymentNotices(DeploymentEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** A step of a deployment, between a {@code STEP_STARTED} and a {@code STEP_ENDED} event with its duration. */
    @FunctionalInterface
    public interface StepBody<T> {
        T run() throws InterruptedException;
    }

    /** Runs a step, telling observers when it starts and ends, and how long it took. */
    public <T> T timed(DeployOrder order, String step, StepBody<T> body) throws InterruptedException {
        Instant began = stepStarted(order, step);
        boolean ok = false;
        try {
            T result = body.run();
            ok = true;
            return result;
        } finally {
            stepEnded(order, step, began, ok);
        }
    }

    /** The work of a step that may pause between runs, given when the step began. */
    @FunctionalInterface
    public interface PausableBody<T> {
        T run(Instant began) throws InterruptedException;
    }

    /**
     * Runs one run of a step that may end a run with {@link ResumeLater}: observers are told the step starts on its
     * first run ({@code began} empty) and ends, with its whole duration, on the run that ends it, not at a pause.
     */
    public <T> T pausable(DeployOrder order, String step, Optional<Instant> began, PausableBody<T> body)
            throws InterruptedException {
        Instant start = began.orElseGet(() -> stepStarted(order, step));
        boolean ok = false;
        boolean paused = false;
        try {
            T result = body.run(start);
            ok = true;
            return result;
        } catch (ResumeLater later) {
            paused = true;
            throw later;
        } finally {
            if (!paused) {
                stepEnded(order, step, start, ok);
            }
        }
    }

    /** Tells observers a step starts (for a step whose runs {@link #timed} cannot span); returns when. */
    public Instant stepStarted(DeployOrder order, String step) {
        Instant began = clock.instant();
        event(order, DeploymentEvent.Kind.STEP_STARTED, step, "");
        return began;
    }

    /** Tells observers a step that began at {@code began} ended, and how. */
    public void stepEnded(DeployOrder order, String step, Instant began, boolean ok) {
        Instant ended = clock.instant();
        publish(new DeploymentEvent(order.deploymentId(), order.owner(), order.name(),
                DeploymentEvent.Kind.STEP_ENDED, step, ok ? "ok" : "failed", ended,
                Optional.of(Duration.between(began, ended))));
    }

    /** The user's progress, also sent to the deployment's observers. */
    public Progress observed(DeployOrder order, String step, Progress progress) {
        return message -> {
            progress.update(message);
            event(order, DeploymentEvent.Kind.PROGRESS, step, message);
        };
    }

    /** Tells observers the step failed as the user is told; returns the failure to throw. */
    public StopFlowException failed(DeployOrder order, String step, StopFlowException failure) {
        event(order, DeploymentEvent.Kind.FAILED, step, failure.getMessage());
        return failure;
    }

    public void event(DeployOrder order, DeploymentEvent.Kind kind, String step, String message) {
        publish(new DeploymentEvent(order.deploymentId(), order.owner(), order.name(), kind, step, message,
                clock.instant()));
    }

    public void publish(DeploymentEvent event) {
        try {
            events.publish(event);
        } catch (RuntimeException e) {
            LOG.debug("A deployment event observer failed", e);
        }
    }

    public Clock clock() {
        return clock;
    }
}
