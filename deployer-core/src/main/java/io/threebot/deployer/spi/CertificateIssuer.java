package io.threebot.deployer.spi;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Gets and renews the certificate of the deployer's own domain.
 *
 * <p>May be called from a scheduler thread while the host serves requests.
 */
public interface CertificateIssuer {

    /** A certificate on disk and when it expires. */
    record IssuedCertificate(List<String> domains, Path certificateChain, Path privateKey, Instant notAfter) {
        public IssuedCertificate {
            domains = List.copyOf(domains);
        }
    }

    /** Orders a certificate for the domains and stores it. */
    IssuedCertificate issue(List<String> domains);
}
