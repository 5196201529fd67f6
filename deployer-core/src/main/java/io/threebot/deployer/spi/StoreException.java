package io.threebot.deployer.spi;

import io.threebot.deployer.errors.DeployerException;

/** The state store could not read or write a record. */
public class StoreException extends DeployerException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
