package io.threebot.deployer.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.threebot.deployer.acme.testkit.LocalPebble;
import io.threebot.deployer.spi.CertificateIssuer.IssuedCertificate;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.util.KeyPairUtils;

class CertificateIssuerIT {
    private static final String DOMAIN = "deploy3bot.grid.test";
    private static Http01Responder responder;
    private static LocalPebble pebble;

    @TempDir
    Path storage;

    @BeforeAll
    static void start() {
        assertTrue(LocalPebble.available(), "pebble is not installed (scripts/test.sh installs it)");
        responder = Http01Responder.start(new InetSocketAddress(0));
        pebble = LocalPebble.start(responder.port(), true);
    }

    @AfterAll
    static void stop() {
        if (pebble != null) {
            pebble.close();
            responder.close();
        }
    }

    private AcmeSettings.Builder settings() {
        return AcmeSettings.builder().domains(List.of(DOMAIN, "www." + DOMAIN)).contactEmail("ops@example.org")
                .directory(pebble.directoryUrl()).trustedRoot(pebble.trustedRoot()).storage(storage)
                .pollFloor(Duration.ofMillis(50)).timeout(Duration.ofSeconds(60));
    }

    @Test
    void issuesAndStoresTheChainWithItsKey() throws Exception {
        AcmeCertificateIssuer issuer = new AcmeCertificateIssuer(settings().build(), responder);
        IssuedCertificate issued = issuer.issue();

        assertThat(issued.certificateChain()).isEqualTo(storage.resolve("live/fullchain.pem"));
        List<X509Certificate> chain = CertificateStore.readChain(issued.certificateChain());
        assertThat(chain).hasSizeGreaterThanOrEqualTo(2);
        X509Certificate leaf = chain.get(0);
        assertThat(leaf.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))).toList())
                .containsExactlyInAnyOrder(DOMAIN, "www." + DOMAIN);
        assertThat(leaf.getIssuerX500Principal().getName()).contains("Pebble");
        assertThat(issued.notAfter()).isAfter(Instant.now().plus(Duration.ofDays(1)))
                .isEqualTo(leaf.getNotAfter().toInstant());
        KeyPair key;
        try (var reader = Files.newBufferedReader(issued.privateKey())) {
            key = KeyPairUtils.readKeyPair(reader);
        }
        assertThat(key.getPublic()).isEqualTo(leaf.getPublicKey());
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(issued.privateKey()))).isEqualTo("rw-------");
        assertThat(issuer.current()).contains(issued);
    }

    @Test
    void renewsWhenDueAndKeepsTheCertificateOtherwise() {
        AcmeCertificateIssuer eager = new AcmeCertificateIssuer(settings().renewBefore(Duration.ofDays(3650))
                .build(), responder);
        RenewalOutcome first = eager.renewIfDue();
        assertThat(first.result()).isEqualTo(RenewalOutcome.Result.RENEWED);
        X509Certificate before = leaf();

        RenewalOutcome second = eager.renewIfDue();
        assertThat(second.result()).isEqualTo(RenewalOutcome.Result.RENEWED);
        assertThat(leaf().getSerialNumber()).isNotEqualTo(before.getSerialNumber());

        AcmeCertificateIssuer patient = new AcmeCertificateIssuer(settings().renewBefore(Duration.ofDays(1))
                .build(), responder);
        X509Certificate kept = leaf();
        RenewalOutcome third = patient.renewIfDue();
        assertThat(third.result()).isEqualTo(RenewalOutcome.Result.NOT_DUE);
        assertThat(leaf().getSerialNumber()).isEqualTo(kept.getSerialNumber());
    }

    @Test
    void aRefusedChallengeKeepsTheCurrentCertificateAndSaysWhy() throws Exception {
        new AcmeCertificateIssuer(settings().build(), responder).issue();
        byte[] chain = Files.readAllBytes(storage.resolve("live/fullchain.pem"));
        byte[] key = Files.readAllBytes(storage.resolve("live/privkey.pem"));

        ChallengeResponder wrong = new ChallengeResponder() {
            @Override
            public void publish(String token, String content) {
                responder.publish(token, "not-the-key-authorization");
            }

            @Override
            public void remove(String token) {
                responder.remove(token);
            }
        };
        AcmeCertificateIssuer failing = new AcmeCertificateIssuer(settings().renewBefore(Duration.ofDays(3650))
                .build(), wrong);
        RenewalOutcome outcome = failing.renewIfDue();

        assertThat(outcome.result()).isEqualTo(RenewalOutcome.Result.FAILED);
        assertThat(outcome.failure()).get().isInstanceOf(ChallengeFailedException.class)
                .extracting(Throwable::getMessage).asString().startsWith("the CA could not validate ")
                .contains(DOMAIN);
        assertThat(outcome.certificate()).isPresent();
        assertThat(Files.readAllBytes(storage.resolve("live/fullchain.pem"))).isEqualTo(chain);
        assertThat(Files.readAllBytes(storage.resolve("live/privkey.pem"))).isEqualTo(key);
    }

    @Test
    void anAccountTheCaForgotIsMadeAgainOnce() throws Exception {
        AcmeCertificateIssuer first = new AcmeCertificateIssuer(settings().build(), responder);
        first.issue();
        String forgotten = first.accountLocation().orElseThrow() + "404";
        Files.writeString(storage.resolve("account.url"), forgotten);

        AcmeCertificateIssuer next = new AcmeCertificateIssuer(settings().build(), responder);
        assertThat(next.issue().domains()).contains(DOMAIN);
        assertThat(next.accountLocation()).isPresent().get().asString().isNotEqualTo(forgotten);
        assertThat(Files.readString(storage.resolve("account.url"))).isNotEqualTo(forgotten);
    }

    @Test
    void aRestartedIssuerReusesItsAccount() throws Exception {
        AcmeCertificateIssuer first = new AcmeCertificateIssuer(settings().build(), responder);
        first.issue();
        String accountKey = Files.readString(storage.resolve("account.key"));

        AcmeCertificateIssuer restarted = new AcmeCertificateIssuer(settings().build(), responder);
        restarted.issue();
        assertThat(restarted.accountLocation()).isPresent().isEqualTo(first.accountLocation());
        assertThat(Files.readString(storage.resolve("account.url"))).isEqualTo(
                first.accountLocation().orElseThrow().toString());
        restarted.issue();
        assertThat(restarted.accountLocation()).as("one login for the issuer's life").isEqualTo(
                first.accountLocation());
        assertThat(Files.readString(storage.resolve("account.key"))).isEqualTo(accountKey);
        try (var archives = Files.list(storage.resolve("archive"))) {
            assertThat(archives.count()).isEqualTo(3);
        }
    }

    @Test
    void clearErrorsForAnUnreachableCaAnInvalidNameAndATimeout() {
        AcmeCertificateIssuer issuer = new AcmeCertificateIssuer(settings().build(), responder);
        assertThatThrownBy(() -> issuer.issue(List.of("not a domain")))
                .isInstanceOf(InvalidDomainException.class).hasMessageContaining("not a valid domain name");

        AcmeCertificateIssuer nowhere = new AcmeCertificateIssuer(settings()
                .directory(java.net.URI.create("https://localhost:" + LocalPebble.freePort() + "/dir")).build(),
                responder);
        assertThatThrownBy(nowhere::issue).isInstanceOf(CaUnreachableException.class)
                .hasMessageStartingWith("cannot reach the CA");

        AcmeCertificateIssuer hurried = new AcmeCertificateIssuer(settings().timeout(Duration.ofMillis(1)).build(),
                responder);
        assertThatThrownBy(hurried::issue).isInstanceOf(AcmeTimeoutException.class)
                .hasMessageContaining("took longer than the timeout (1 ms)");
        assertThat(storage.resolve("live")).doesNotExist();
    }

    private X509Certificate leaf() {
        return CertificateStore.readChain(storage.resolve("live/fullchain.pem")).get(0);
    }
}
