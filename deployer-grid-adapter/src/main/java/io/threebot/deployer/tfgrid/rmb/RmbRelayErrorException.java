package io.threebot.deployer.tfgrid.rmb;

import io.threebot.deployer.errors.DeployerException;

/**
 * The relay answered a request with an error of its own instead of delivering it (an unknown destination twin, a
 * destination without relay, a rate limit): an error envelope without a source, as rmb-rs sends them. Whether the
 * peer saw the request is not known for every such error, so only idempotent requests should be repeated. Reason
 * {@link Reason#UNAVAILABLE}.
 */
public final class RmbRelayErrorException extends DeployerException {
    private final String relayMessage;

    RmbRelayErrorException(String relayMessage) {
        super("the relay refused the request: " + relayMessage);
        this.relayMessage = relayMessage;
    }

    /** The relay's message. */
    public String relayMessage() {
        return relayMessage;
    }

    /** {@link Reason#UNAVAILABLE}. */
    @Override
    public Reason reason() {
        return Reason.UNAVAILABLE;
    }
}
