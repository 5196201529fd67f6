package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.errors.StopFlowException;

/**
 * A deployment that began its undoing (or finished it) was asked to go forward: to make a side effect or to record
 * its 3Bot. Nothing was done; the message is the reason the deployment is being undone, for its user.
 */
public final class DeploymentUndoneException extends StopFlowException {
    DeploymentUndoneException(DeploymentJournal journal) {
        super(journal.failure().isBlank()
                ? "Your 3Bot could not be deployed, and what was set up for it was undone." : journal.failure());
    }
}
