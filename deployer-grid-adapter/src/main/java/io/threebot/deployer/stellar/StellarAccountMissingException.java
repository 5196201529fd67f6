package io.threebot.deployer.stellar;

/** The account paid does not exist on Stellar (Horizon's {@code op_no_destination}), or the operator's own account does not. */
public final class StellarAccountMissingException extends StellarPaymentException {
    StellarAccountMissingException(String message) {
        super(message);
    }

    StellarAccountMissingException(String message, Throwable cause) {
        super(message, cause);
    }
}
