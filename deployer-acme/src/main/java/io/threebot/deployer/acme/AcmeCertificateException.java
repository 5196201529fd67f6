package io.threebot.deployer.acme;

import io.threebot.deployer.errors.DeployerException;

/** Root of the ACME adapter's errors. */
public class AcmeCertificateException extends DeployerException {
    public AcmeCertificateException(String message) {
        super(message);
    }

    public AcmeCertificateException(String message, Throwable cause) {
        super(message, cause);
    }
}
