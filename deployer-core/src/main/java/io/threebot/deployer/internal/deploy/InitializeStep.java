package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.errors.StopFlowException;
import io.threebot.deployer.internal.support.ResumeLater;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.spi.StateStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A deployment's last step, on either grid: waits until the 3Bot its journal recorded answers on its address, and
 * marks it ERROR, ending the flow with a message, when it does not in time. A chat's step waits without a thread
 * ({@link #look}); a lifecycle operation, which runs on its caller's thread, waits on it ({@link #await}).
 */
final class InitializeStep {
    private static final String STEP = "initialize";

    private final StateStore store;
    private final ThreebotRepository threebots;
    private final ReadinessWaiter readiness;
    private final Duration timeout;
    private final DeploymentNotices notices;

    /**
     * What a look at the 3Bot leaves for the next: the 3Bot, where it is asked, when the wait began and how long it
     * had lasted at this look.
     */
    private record Waiting(Threebot threebot, URI uri, Optional<String> container, Instant began,
                           Duration lastLook) {
    }

    InitializeStep(StateStore store, ThreebotRepository threebots, ReadinessWaiter readiness, Duration timeout,
                   DeploymentNotices notices) {
        this.store = store;
        this.threebots = threebots;
        this.readiness = readiness;
        this.timeout = timeout;
        this.notices = notices;
    }

    /**
     * Waits on this thread until the 3Bot answers.
     *
     * @param ownAnswer whether only the new container's own answer counts (while an old one still serves the
     *                  address)
     */
    Threebot await(DeployOrder order, boolean ownAnswer, Progress userProgress) throws InterruptedException {
        return notices.timed(order, STEP, () -> {
            Progress progress = notices.observed(order, STEP, userProgress);
            Waiting waiting = begin(order, ownAnswer, progress, notices.clock().instant());
            if (readiness.await(waiting.uri(), waiting.container(), timeout, progress)) {
                return answered(order, waiting);
            }
            throw notAnswering(order, waiting);
        });
    }

    /**
     * Asks the 3Bot once whether it answers; when it does not yet and there is time left, ends this run of the step
     * with {@link ResumeLater}, so that the step asks again after a pause without holding a thread meanwhile. The
     * step is one step to the deployment's observers, however many runs it takes.
     *
     * @throws ResumeLater when the 3Bot does not answer yet
     */
    Threebot look(DeployOrder order, boolean ownAnswer, Progress userProgress) throws InterruptedException {
        Optional<Waiting> before = ResumeLater.left(Waiting.class);
        return notices.pausable(order, STEP, before.map(Waiting::began), began -> {
            Progress progress = notices.observed(order, STEP, userProgress);
            Waiting waiting = before.orElseGet(() -> begin(order, ownAnswer, progress, began));
            if (readiness.answers(waiting.uri(), waiting.container())) {
                return answered(order, waiting);
            }
            Duration waited = Duration.between(waiting.began(), notices.clock().instant());
            Optional<Duration> pause = readiness.pauseAfter(waited, timeout);
            if (pause.isEmpty()) {
                throw notAnswering(order, waiting);
            }
            readiness.report(waiting.uri(), waited, before.map(Waiting::lastLook), timeout, progress);
            throw new ResumeLater(pause.get(), new Waiting(waiting.threebot(), waiting.uri(), waiting.container(),
                    waiting.began(), waited));
        });
    }

    private Waiting begin(DeployOrder order, boolean ownAnswer, Progress progress, Instant began) {
        String uuid = Saga.doneIn(store, order.deploymentId(), DeploymentJournal.RESULT_KEY, String.class)
                .orElseThrow(() -> new IllegalStateException("deployment " + order.deploymentId() + " has no 3Bot"));
        Threebot threebot = threebots.find(uuid).orElseThrow();
        progress.update("Initializing your 3Bot; it has " + timeout.toMinutes() + " minutes to answer.");
        return new Waiting(threebot, URI.create(threebot.url()),
                ownAnswer ? Optional.of(threebot.ipAddress()) : Optional.empty(), began, Duration.ZERO);
    }

    private Threebot answered(DeployOrder order, Waiting waiting) {
        notices.event(order, DeploymentEvent.Kind.SUCCEEDED, STEP, waiting.threebot().url() + " answers");
        return waiting.threebot();
    }

    /** Marks the 3Bot ERROR and returns what the user is told. */
    private StopFlowException notAnswering(DeployOrder order, Waiting waiting) {
        Threebot threebot = waiting.threebot();
        threebots.update(threebot.uuid(), t -> t.withState(ThreebotState.ERROR));
        return notices.failed(order, STEP, new StopFlowException("Your 3Bot was deployed but did not answer on "
                + threebot.url() + " within " + timeout.toMinutes() + " minutes. It is listed with state ERROR; "
                + "restart it from your list of 3Bots or contact support."));
    }
}
