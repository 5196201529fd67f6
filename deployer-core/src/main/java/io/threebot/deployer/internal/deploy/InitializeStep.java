package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.errors.StopFlowException;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.spi.StateStore;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A deployment's last step, on either grid: waits until the 3Bot its journal recorded answers on its address, and
 * marks it ERROR, ending the flow with a message, when it does not in time.
 */
final class InitializeStep {
    private final StateStore store;
    private final ThreebotRepository threebots;
    private final ReadinessWaiter readiness;
    private final Duration timeout;
    private final DeploymentNotices notices;

    InitializeStep(StateStore store, ThreebotRepository threebots, ReadinessWaiter readiness, Duration timeout,
                   DeploymentNotices notices) {
        this.store = store;
        this.threebots = threebots;
        this.readiness = readiness;
        this.timeout = timeout;
        this.notices = notices;
    }

    /**
     * @param ownAnswer whether only the new container's own answer counts (while an old one still serves the
     *                  address)
     */
    Threebot await(DeployOrder order, boolean ownAnswer, Progress userProgress) throws InterruptedException {
        return notices.timed(order, "initialize", () -> {
            Progress progress = notices.observed(order, "initialize", userProgress);
            String uuid = Saga.doneIn(store, order.deploymentId(), DeploymentJournal.RESULT_KEY, String.class)
                    .orElseThrow(() -> new IllegalStateException("deployment " + order.deploymentId()
                            + " has no 3Bot"));
            Threebot threebot = threebots.find(uuid).orElseThrow();
            progress.update("Initializing your 3Bot; it has " + timeout.toMinutes() + " minutes to answer.");
            Optional<String> container = ownAnswer ? Optional.of(threebot.ipAddress()) : Optional.empty();
            if (readiness.await(URI.create(threebot.url()), container, timeout, progress)) {
                notices.event(order, DeploymentEvent.Kind.SUCCEEDED, "initialize", threebot.url() + " answers");
                return threebot;
            }
            threebots.update(uuid, t -> t.withState(ThreebotState.ERROR));
            throw notices.failed(order, "initialize", new StopFlowException("Your 3Bot was deployed but did not "
                    + "answer on " + threebot.url() + " within " + timeout.toMinutes() + " minutes. It is listed with "
                    + "state ERROR; restart it from your list of 3Bots or contact support."));
        });
    }
}
