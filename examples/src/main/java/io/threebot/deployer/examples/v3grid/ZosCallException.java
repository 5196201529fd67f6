package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.errors.DeployerException;

/**
 * A call to a simulated zos node that the node refuses, as zos refuses it: the message is what the caller reads in
 * the RMB error reply (e.g. {@code contract hash does not match deployment hash}).
 */
public final class ZosCallException extends DeployerException {
    ZosCallException(String message) {
        super(message);
    }
}
