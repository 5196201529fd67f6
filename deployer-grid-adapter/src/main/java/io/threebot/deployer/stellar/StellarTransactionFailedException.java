package io.threebot.deployer.stellar;

/** Stellar refused the transaction for another reason; the message carries Horizon's result codes. */
public final class StellarTransactionFailedException extends StellarPaymentException {
    StellarTransactionFailedException(String message) {
        super(message);
    }

    StellarTransactionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
