package io.threebot.deployer.stellar;

/** Horizon's answer was malformed, too large or not what was asked (a transaction found under a journaled hash that does not pay what was journaled, say): nothing is taken from it. */
public final class HorizonAnswerException extends StellarPaymentException {
    HorizonAnswerException(String message) {
        super(message);
    }

    HorizonAnswerException(String message, Throwable cause) {
        super(message, cause);
    }
}
