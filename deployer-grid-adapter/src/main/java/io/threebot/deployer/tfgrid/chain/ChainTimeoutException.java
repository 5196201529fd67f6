package io.threebot.deployer.tfgrid.chain;

/** The chain node gave no answer to a call before its deadline. Reason {@link Reason#UNAVAILABLE}. */
public final class ChainTimeoutException extends ChainException {
    ChainTimeoutException(String message) {
        super(message);
    }
}
