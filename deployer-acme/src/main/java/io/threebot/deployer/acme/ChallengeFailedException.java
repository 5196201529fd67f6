package io.threebot.deployer.acme;

/** The CA could not validate a domain: its challenge answer was refused or never reached. */
public class ChallengeFailedException extends AcmeCertificateException {
    public ChallengeFailedException(String message) {
        super(message);
    }

    public ChallengeFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
