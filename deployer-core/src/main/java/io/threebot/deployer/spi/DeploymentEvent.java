package io.threebot.deployer.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

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
 * @param took         for {@link Kind#STEP_ENDED}: how long the step ran
 */
public record DeploymentEvent(String deploymentId, String owner, String threebotName, Kind kind, String step,
                              String message, Instant at, Optional<Duration> took) {
    /** The kinds of events. */
    public enum Kind {
        /** A deployment began. */
        STARTED,
        /** A step ({@code set-up}, {@code deploy}, {@code initialize}) began. */
        STEP_STARTED,
        /** What the user was shown while a step ran. */
        PROGRESS,
        /** A step reached its goal. */
        STEP_DONE,
        /** A step ended, well or not; {@link #took()} says how long it ran. */
        STEP_ENDED,
        /** A workload failed and the deployment tries again elsewhere. */
        RETRIED,
        /** The deployment could not finish and was undone; its payments were refunded. */
        COMPENSATED,
        /** The 3Bot answers: the deployment is done. */
        SUCCEEDED,
        /** The deployment failed; the message says why. */
        FAILED,
        /** A user was asked to pay (the deployment id is the payment request's id). */
        PAYMENT_REQUESTED,
        /** A user's payment arrived in full. */
        PAYMENT_RECEIVED,
        /** Money went back to a user (the message says how much and why). */
        REFUNDED,
        /** A 3Bot's pool runs dry within the deployer's {@code expiryWarning} (the deployment id is the 3Bot's). */
        EXPIRES_SOON,
        /** A 3Bot's pool ran dry: the grid removes its workloads. */
        RAN_DRY,
        /** An auto-renewal was paid and the 3Bot's pool extended. */
        RENEWED,
        /** An auto-renewal was not paid in time, or its extension failed (and was refunded); the message says. */
        RENEWAL_FAILED,
        /**
         * Listing an owner's 3Bots met a 3Bot record that cannot be read (the deployment id is the 3Bot's; its name
         * is not known, so empty); the owner sees it as damaged, and an operator has to repair or remove it.
         */
        RECORD_DAMAGED
    }

    /** An event that took no measured time. */
    public DeploymentEvent(String deploymentId, String owner, String threebotName, Kind kind, String step,
                           String message, Instant at) {
        this(deploymentId, owner, threebotName, kind, step, message, at, Optional.empty());
    }

    public DeploymentEvent {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(threebotName, "threebotName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
        took = took == null ? Optional.empty() : took;
    }
}
