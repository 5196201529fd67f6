package io.threebot.deployer.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to one deployment, for operators following deployments live.
 *
 * @param deploymentId the deployment (also the 3Bot's solution id)
 * @param owner        the user deploying
 * @param threebotName the 3Bot's name
 * @param kind         what happened
 * @param step         the step it belongs to ({@code set-up}, {@code deploy}, {@code initialize}), or the phase
 * @param message      what the user was shown, or why it failed
 * @param at           when
 */
public record DeploymentEvent(String deploymentId, String owner, String threebotName, Kind kind, String step,
                              String message, Instant at) {
    /** The kinds of events, in the order a deployment sends them. */
    public enum Kind {
        STARTED, PROGRESS, STEP_DONE, SUCCEEDED, FAILED
    }

    public DeploymentEvent {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(threebotName, "threebotName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }
}
