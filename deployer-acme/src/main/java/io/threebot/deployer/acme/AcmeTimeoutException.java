package io.threebot.deployer.acme;

import io.threebot.deployer.errors.DeployerException.Reason;

/** The CA did not finish in the time allowed. */
public class AcmeTimeoutException extends AcmeCertificateException {
    public AcmeTimeoutException(String message) {
        super(message);
    }

    public AcmeTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Reason reason() {
        return Reason.UNAVAILABLE;
    }
}
