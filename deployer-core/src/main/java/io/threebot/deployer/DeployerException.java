package io.threebot.deployer;

/**
 * Root of every exception the deployer and its adapters throw. Messages are written for the person using the
 * host application and never hold secrets.
 */
public class DeployerException extends RuntimeException {
    public DeployerException(String message) {
        super(message);
    }

    public DeployerException(String message, Throwable cause) {
        super(message, cause);
    }
}
