package io.threebot.deployer.stellar;

/** Horizon could not be reached, answered with a server error or did not answer before its deadline. Whether a submission then went through is found out by its hash before anything is sent again. */
public final class HorizonUnavailableException extends StellarPaymentException {
    HorizonUnavailableException(String message) {
        super(message);
    }

    HorizonUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
