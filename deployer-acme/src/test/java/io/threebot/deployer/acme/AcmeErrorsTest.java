package io.threebot.deployer.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JSON;

class AcmeErrorsTest {
    private static final List<String> NAMES = List.of("deploy3bot.grid.tf");

    private static Problem problem(String type, String detail) throws Exception {
        return new Problem(JSON.parse("{\"type\":\"" + type + "\",\"detail\":\"" + detail + "\"}"),
                new URL("https://ca.example/acme/new-order"));
    }

    @Test
    void rateLimitsCarryTheTimeTheCaTakesRequestsAgain() throws Exception {
        Instant later = Instant.parse("2026-11-25T12:00:00Z");
        AcmeCertificateException e = AcmeCertificateIssuer.translate(NAMES,
                new org.shredzone.acme4j.exception.AcmeRateLimitedException(problem(
                        "urn:ietf:params:acme:error:rateLimited", "too many certificates"), later, List.of()));
        assertThat(e).isInstanceOfSatisfying(AcmeRateLimitedException.class, limited ->
                assertThat(limited.retryAt()).contains(later));
        assertThat(e.getMessage()).contains("rate limiting").contains("until 2026-11-25T12:00:00Z");
    }

    @Test
    void refusedNamesNetworkFailuresAndOtherRefusalsHaveTheirOwnTypes() throws Exception {
        assertThat(AcmeCertificateIssuer.translate(NAMES, new AcmeServerException(problem(
                "urn:ietf:params:acme:error:rejectedIdentifier", "policy forbids issuing for name"))))
                .isInstanceOf(InvalidDomainException.class).hasMessageContaining("will not issue for");
        assertThat(AcmeCertificateIssuer.translate(NAMES, new AcmeNetworkException(
                new java.io.IOException("connection refused"))))
                .isInstanceOf(CaUnreachableException.class).hasMessageContaining("cannot reach the CA");
        assertThat(AcmeCertificateIssuer.translate(NAMES, new AcmeServerException(problem(
                "urn:ietf:params:acme:error:unauthorized", "account deactivated"))))
                .isExactlyInstanceOf(AcmeCertificateException.class).hasMessageContaining("account deactivated");
    }
}
