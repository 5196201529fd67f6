package io.threebot.deployer.tfgrid.deploy;

import io.threebot.deployer.grid.GridNotFoundException;

/**
 * No node fits a 3Bot where it may go (none up, healthy and with enough free resources under the placement policy),
 * or no gateway node is up to serve its name. Reason {@link Reason#UNAVAILABLE}: capacity may come back later, or
 * the user may choose another location.
 */
public final class NoCapacityException extends GridNotFoundException {
    NoCapacityException(String message) {
        super(message);
    }
}
