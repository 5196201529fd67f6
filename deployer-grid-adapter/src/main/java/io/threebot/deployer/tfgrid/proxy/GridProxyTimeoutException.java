package io.threebot.deployer.tfgrid.proxy;

import java.time.Duration;

/**
 * The call's deadline passed before a whole answer came (the proxy was slow to answer, or sent its body too slowly);
 * the request was abandoned. Reason {@link Reason#UNAVAILABLE}.
 */
public final class GridProxyTimeoutException extends GridProxyUnavailableException {
    private final Duration deadline;

    GridProxyTimeoutException(String message, Duration deadline) {
        super(message);
        this.deadline = deadline;
    }

    /** The deadline the call had, retries included. */
    public Duration deadline() {
        return deadline;
    }
}
