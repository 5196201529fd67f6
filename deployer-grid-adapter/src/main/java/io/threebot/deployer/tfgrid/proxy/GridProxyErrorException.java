package io.threebot.deployer.tfgrid.proxy;

import java.time.Duration;
import java.util.Optional;

/**
 * The gridproxy refused the request with a non-2xx status; {@link #proxyMessage()} is its error text (the
 * {@code error} field of its JSON answer, or the start of the body when it sent something else). The reason follows
 * the status: 404 is {@link Reason#NOT_FOUND}, 429 {@link Reason#RATE_LIMITED} (with {@link #retryAfter()} when the
 * proxy said), another 4xx {@link Reason#INTERNAL} (the proxy did not take a request this client made: a bug to log),
 * and a 5xx {@link Reason#UNAVAILABLE}.
 */
public final class GridProxyErrorException extends GridProxyException {
    private final int status;
    private final String proxyMessage;
    private final Duration retryAfter;

    GridProxyErrorException(String what, int status, String proxyMessage, Duration retryAfter) {
        super("the gridproxy answered " + what + " with HTTP " + status
                + (proxyMessage.isEmpty() ? "" : ": " + proxyMessage));
        this.status = status;
        this.proxyMessage = proxyMessage;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status the proxy answered with. */
    public int status() {
        return status;
    }

    /** The proxy's error text, at most 500 characters; empty when it sent none. */
    public String proxyMessage() {
        return proxyMessage;
    }

    /** Follows the status, as the class says. */
    @Override
    public Reason reason() {
        if (status == 404) {
            return Reason.NOT_FOUND;
        }
        if (status == 429) {
            return Reason.RATE_LIMITED;
        }
        return status >= 500 ? Reason.UNAVAILABLE : Reason.INTERNAL;
    }

    /** For a 429 (or a 503) with a {@code Retry-After} in seconds: how long the proxy asked to wait. */
    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
