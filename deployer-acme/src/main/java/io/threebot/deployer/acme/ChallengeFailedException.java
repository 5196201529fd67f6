package io.threebot.deployer.acme;

import io.threebot.deployer.errors.DeployerException.Reason;

/** The CA could not validate a domain: its challenge answer was refused or never reached. */
public class ChallengeFailedException extends AcmeCertificateException {
    public ChallengeFailedException(String message) {
        super(message);
    }

    public ChallengeFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Reason reason() {
        return Reason.UNAVAILABLE;
    }
}
