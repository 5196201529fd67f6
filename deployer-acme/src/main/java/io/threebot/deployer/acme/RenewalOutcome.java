package io.threebot.deployer.acme;

import io.threebot.deployer.spi.CertificateIssuer.IssuedCertificate;
import java.util.Objects;
import java.util.Optional;

/**
 * What a renewal check did.
 *
 * @param result      not due, renewed, or failed
 * @param certificate the live certificate after the check (the old one when renewal failed), if any
 * @param failure     why renewal failed
 */
public record RenewalOutcome(Result result, Optional<IssuedCertificate> certificate,
                             Optional<AcmeCertificateException> failure) {
    /** The three ways a renewal check ends. */
    public enum Result {
        NOT_DUE, RENEWED, FAILED
    }

    public RenewalOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(failure, "failure");
    }
}
