package io.threebot.deployer.billing;

import io.threebot.deployer.spi.IncomingTransfer;

/**
 * A transfer seen with a request's memo.
 *
 * @param counted true when it counts towards the request; false when it came too late (and is refunded)
 */
public record ReceivedTransfer(IncomingTransfer transfer, boolean counted) {
}
