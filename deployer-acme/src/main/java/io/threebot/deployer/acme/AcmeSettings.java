package io.threebot.deployer.acme;

import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.support.Durations;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the deployer's own domain gets its certificate. Build with {@link #builder()}.
 *
 * @param directory     the ACME directory: Let's Encrypt production, its staging (with {@code TEST_CERT}), or
 *                      any CA's URL
 * @param renewBefore   renew when less than this is left
 * @param storage       where the account key, certificate chain and key are kept as PEM files
 * @param pollFloor     the shortest pause between two polls of the CA, whatever its Retry-After says
 * @param timeout       the most one issuance may take, challenges and finalization included
 * @param trustedRoot   a PEM certificate to trust for the CA's HTTPS endpoints besides the JDK's (private CAs)
 */
public record AcmeSettings(List<String> domains, Optional<String> contactEmail, URI directory, Duration renewBefore,
                           Path storage, Duration pollFloor, Duration timeout, Optional<Path> trustedRoot) {
    /** acme4j's URI for Let's Encrypt production. */
    public static final URI LETS_ENCRYPT = URI.create("acme://letsencrypt.org");
    /** acme4j's URI for Let's Encrypt staging. */
    public static final URI LETS_ENCRYPT_STAGING = URI.create("acme://letsencrypt.org/staging");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    public AcmeSettings {
        domains = checkDomains(domains);
        contactEmail = contactEmail == null ? Optional.empty() : contactEmail;
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(renewBefore, "renewBefore");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(trustedRoot, "trustedRoot");
        Durations.requirePositive(pollFloor, "pollFloor");
        Durations.requirePositive(timeout, "timeout");
    }

    /** When the certificate is due for renewal. */
    public RenewalPolicy renewalPolicy() {
        return new RenewalPolicy(renewBefore);
    }

    /**
     * The domains as given, checked.
     *
     * @throws InvalidDomainException when there is none or one is not a valid name
     */
    public static List<String> checkDomains(List<String> domains) {
        List<String> copy = List.copyOf(domains);
        if (copy.isEmpty()) {
            throw new InvalidDomainException("a certificate needs at least one domain");
        }
        for (String domain : copy) {
            if (!DOMAIN.matcher(domain).matches()) {
                throw new InvalidDomainException("not a valid domain name: '" + domain + "'");
            }
        }
        return copy;
    }

    /** A builder starting from the defaults: {@code deploy3bot.grid.tf} on Let's Encrypt production. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link AcmeSettings}; the default domain is {@code deploy3bot.grid.tf}. */
    public static final class Builder {
        private List<String> domains = List.of("deploy3bot.grid.tf");
        private Optional<String> contactEmail = Optional.empty();
        private boolean testCert;
        private Optional<URI> directory = Optional.empty();
        private Duration renewBefore = Duration.ofDays(30);
        private Path storage = Path.of("certificates");
        private Duration pollFloor = Duration.ofMillis(500);
        private Duration timeout = Duration.ofMinutes(3);
        private Path trustedRoot;

        /** The deployer's own domain, on the staging CA when its settings have {@code TEST_CERT}. */
        public Builder forDeployer(DeployerSettings deployer) {
            this.domains = List.of(deployer.deployerDomain());
            this.testCert = deployer.testCert();
            return this;
        }

        public Builder domains(List<String> value) {
            this.domains = value;
            return this;
        }

        public Builder contactEmail(String value) {
            this.contactEmail = Optional.of(value);
            return this;
        }

        /** Use the staging CA, as the {@code TEST_CERT} setting asks. Ignored when a directory is set. */
        public Builder testCert(boolean value) {
            this.testCert = value;
            return this;
        }

        /** Any ACME directory URL, for CAs other than Let's Encrypt. */
        public Builder directory(URI value) {
            this.directory = Optional.of(value);
            return this;
        }

        public Builder renewBefore(Duration value) {
            this.renewBefore = value;
            return this;
        }

        public Builder storage(Path value) {
            this.storage = value;
            return this;
        }

        /** The shortest pause between polls; 500 ms by default (acme4j's own default is 3 s). */
        public Builder pollFloor(Duration value) {
            this.pollFloor = value;
            return this;
        }

        /** The most one issuance may take; 3 minutes by default. */
        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        /** Trust this PEM certificate for the CA's HTTPS endpoints, besides the JDK's trusted roots. */
        public Builder trustedRoot(Path value) {
            this.trustedRoot = value;
            return this;
        }

        public AcmeSettings build() {
            URI chosen = directory.orElse(testCert ? LETS_ENCRYPT_STAGING : LETS_ENCRYPT);
            return new AcmeSettings(domains, contactEmail, chosen, renewBefore, storage, pollFloor, timeout,
                    Optional.ofNullable(trustedRoot));
        }
    }
}
