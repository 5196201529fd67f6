package io.threebot.deployer.acme;

import io.threebot.deployer.errors.DeployerException.Reason;

/** A domain name the CA will not issue for, or one that is not a valid name. */
public class InvalidDomainException extends AcmeCertificateException {
    public InvalidDomainException(String message) {
        super(message);
    }

    public InvalidDomainException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Reason reason() {
        return Reason.INVALID_INPUT;
    }
}
