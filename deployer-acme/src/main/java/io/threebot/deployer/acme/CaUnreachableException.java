package io.threebot.deployer.acme;

/** The CA could not be reached, or answered with something that is not ACME. */
public class CaUnreachableException extends AcmeCertificateException {
    public CaUnreachableException(String message) {
        super(message);
    }

    public CaUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
