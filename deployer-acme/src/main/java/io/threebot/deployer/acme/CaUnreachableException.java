package io.threebot.deployer.acme;

import io.threebot.deployer.errors.DeployerException.Reason;

/** The CA could not be reached, or answered with something that is not ACME. */
public class CaUnreachableException extends AcmeCertificateException {
    public CaUnreachableException(String message) {
        super(message);
    }

    public CaUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Reason reason() {
        return Reason.UNAVAILABLE;
    }
}
