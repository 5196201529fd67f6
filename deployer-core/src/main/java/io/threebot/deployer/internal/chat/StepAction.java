package io.threebot.deployer.internal.chat;

import io.threebot.deployer.errors.StopFlowException;
import io.threebot.deployer.spi.Progress;

/** The work of a long step. It may throw {@link StopFlowException} to end the flow with a message. */
@FunctionalInterface
public interface StepAction {
    void run(FlowState state, Progress progress) throws Exception;
}
