package io.threebot.deployer.stellar;

/** The account paid holds no TFT trustline (Horizon's {@code op_no_trust}), so it cannot receive TFT until its owner adds one. */
public final class StellarTrustlineMissingException extends StellarPaymentException {
    StellarTrustlineMissingException(String message) {
        super(message);
    }

    StellarTrustlineMissingException(String message, Throwable cause) {
        super(message, cause);
    }
}
