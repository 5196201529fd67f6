package io.threebot.deployer.tfgrid.proxy;

/**
 * The gridproxy answered something that is not what its API describes: malformed JSON, a required field missing, a
 * field of the wrong type or out of range, an unknown contract type, a {@code count} header that is not a count, or an
 * answer longer than the client's {@code maxAnswerBytes} (read no further than that). Reason
 * {@link Reason#UNAVAILABLE}: the service misbehaves; a host shows a generic error and logs this.
 */
public final class GridProxyProtocolException extends GridProxyException {
    GridProxyProtocolException(String message) {
        super(message);
    }

    GridProxyProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
