package io.threebot.deployer.internal.lifecycle;

import io.threebot.deployer.model.Threebot;

/**
 * What became of an auto-renewal whose payment request closed: the 3Bot's pool was extended ({@code renewed}), or
 * not, and why.
 *
 * @param threebot the 3Bot, as it is after the renewal
 * @param renewed  whether its pool was extended
 * @param message  what happened, for the owner
 */
public record RenewalOutcome(Threebot threebot, boolean renewed, String message) {
}
