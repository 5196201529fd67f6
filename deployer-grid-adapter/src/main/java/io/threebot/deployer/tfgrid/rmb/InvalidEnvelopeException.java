package io.threebot.deployer.tfgrid.rmb;

import io.threebot.deployer.errors.InvalidInputException;

/**
 * An RMB envelope or relay token that cannot be taken: bytes that are not an envelope, too many of them, a field
 * out of range, no signature, or a signature that does not verify. Reason {@link Reason#INVALID_INPUT};
 * {@link #field()} names the envelope field at fault ({@code envelope} when it is the whole).
 */
public final class InvalidEnvelopeException extends InvalidInputException {
    InvalidEnvelopeException(String field, String message) {
        super(field, message);
    }

    InvalidEnvelopeException(String field, String message, Throwable cause) {
        super(field, message);
        initCause(cause);
    }
}
