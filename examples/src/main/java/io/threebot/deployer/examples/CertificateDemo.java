package io.threebot.deployer.examples;

import io.threebot.deployer.acme.AcmeCertificateException;
import io.threebot.deployer.acme.AcmeCertificateIssuer;
import io.threebot.deployer.acme.AcmeSettings;
import io.threebot.deployer.acme.Http01Responder;
import io.threebot.deployer.acme.testkit.LocalPebble;
import io.threebot.deployer.spi.CertificateIssuer.IssuedCertificate;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * Gets the deployer's certificate from a local Pebble ACME server (started here on free loopback ports, with a
 * DNS that sends every name to this machine) and prints its subject, issuer and expiry.
 *
 * <p>Run with {@code ./scripts/certificate.sh [domain ...]} (default {@code deploy3bot.grid.tf}).
 */
public final class CertificateDemo {
    private CertificateDemo() {
    }

    public static void main(String[] args) throws Exception {
        List<String> domains = args.length > 0 ? List.of(args) : List.of("deploy3bot.grid.tf");
        if (!LocalPebble.available()) {
            System.err.println("pebble is not installed: apt-get install pebble");
            System.exit(2);
        }
        Path storage = Files.createTempDirectory("threebot-certificate-");
        try (Http01Responder responder = Http01Responder.start(new InetSocketAddress(0));
             LocalPebble pebble = LocalPebble.start(responder.port(), true)) {
            System.out.println("Pebble ACME server at " + pebble.directoryUrl() + "; HTTP-01 answers on port "
                    + responder.port());
            AcmeSettings settings = AcmeSettings.builder().domains(domains).contactEmail("ops@example.org")
                    .directory(pebble.directoryUrl()).trustedRoot(pebble.trustedRoot()).storage(storage)
                    .pollFloor(Duration.ofMillis(50)).build();
            long start = System.nanoTime();
            IssuedCertificate issued = new AcmeCertificateIssuer(settings, responder).issue();
            long millis = (System.nanoTime() - start) / 1_000_000;
            X509Certificate leaf = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificates(Files.newInputStream(issued.certificateChain())).iterator().next();
            System.out.println("Certificate for " + domains + " issued in " + millis + " ms");
            System.out.println("  subject : " + leaf.getSubjectX500Principal().getName()
                    + " (names " + leaf.getSubjectAlternativeNames().stream().map(n -> n.get(1)).toList() + ")");
            System.out.println("  issuer  : " + leaf.getIssuerX500Principal().getName());
            System.out.println("  expires : " + issued.notAfter());
            System.out.println("  chain   : " + issued.certificateChain());
            System.out.println("  key     : " + issued.privateKey());
        } catch (AcmeCertificateException e) {
            System.err.println("No certificate: " + e.getMessage());
            System.exit(1);
        }
    }
}
