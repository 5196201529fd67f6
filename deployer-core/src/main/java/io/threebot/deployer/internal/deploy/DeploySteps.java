package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.spi.Progress;

/**
 * The deploy chat's three long steps, on whichever grid the deployer runs: set-up (payment, capacity, placement),
 * the deploy itself, and the wait until the 3Bot answers. Each resumes from its journal.
 */
public interface DeploySteps {
    /** Takes the payment and prepares what the 3Bot runs on, waiting on this thread: for lifecycle operations. */
    void setUp(DeployOrder order, String password, Progress progress) throws InterruptedException;

    /**
     * Takes the payment and prepares what the 3Bot runs on, as {@link #setUp} does, for a chat's long step: a grid
     * whose workloads are watched ends the run with {@link io.threebot.deployer.internal.support.ResumeLater} while
     * the 3Bot's network comes up, and the step runs again once it is up (or failed) and the gateway's branch ended,
     * with no thread held meanwhile; another waits on this thread.
     */
    void setUpOrPause(DeployOrder order, String password, Progress progress) throws InterruptedException;

    /** Deploys the 3Bot and records it, waiting on this thread: for lifecycle operations. */
    Threebot reserve(DeployOrder order, String password, Progress progress) throws InterruptedException;

    /**
     * Deploys the 3Bot and records it, as {@link #reserve} does, for a chat's long step: a grid whose workloads are
     * watched ends the run with {@link io.threebot.deployer.internal.support.ResumeLater} while they come up, and the
     * step runs again once they are up or one failed, with no thread held meanwhile; another waits on this thread.
     */
    Threebot reserveOrPause(DeployOrder order, String password, Progress progress) throws InterruptedException;

    /**
     * Waits on this thread for the 3Bot to answer; marks it ERROR and ends the flow when it does not in time. For
     * lifecycle operations, which run on their caller's thread.
     */
    Threebot awaitReady(DeployOrder order, Progress progress) throws InterruptedException;

    /**
     * Asks the 3Bot once whether it answers, as {@link #awaitReady} waits for: for a chat's long step, which is run
     * again after a pause, without a thread meanwhile, while it does not answer yet.
     *
     * @throws io.threebot.deployer.internal.support.ResumeLater when it does not answer yet and there is time left
     */
    Threebot lookReady(DeployOrder order, Progress progress) throws InterruptedException;

    /** The WireGuard configuration of the deployment's network, for the owner's machine. */
    String wireGuardConfig(DeployOrder order);

    /** Whether the 3Bot's identity is registered with the explorer grid's phonebook before it is paid for. */
    boolean registersIdentity();
}
