package io.threebot.deployer.examples;

import io.threebot.deployer.acme.AcmeCertificateIssuer;
import io.threebot.deployer.acme.AcmeSessions;
import io.threebot.deployer.acme.AcmeSettings;
import io.threebot.deployer.acme.Http01Responder;
import io.threebot.deployer.acme.testkit.LocalPebble;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * Measures what a whole certificate issuance costs against Pebble (validation sleep off) as a ratio to Pebble's
 * own validation time, side by side in one run: Pebble's time is from triggering a challenge to seeing it valid
 * when polling every 2 ms with raw acme4j calls; the issuance is {@link AcmeCertificateIssuer#issue()} from
 * account login to stored PEM files. For reference it also times one issuance with acme4j's stock polling
 * ({@code waitForCompletion}, 3 s between polls when the CA gives no Retry-After).
 *
 * <p>Run with {@code ./scripts/benchmark.sh acme [rounds]} (default 7).
 */
public final class CertificateBenchmark {
    private static final String DOMAIN = "bench.deploy3bot.grid.tf";

    private CertificateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        if (!LocalPebble.available()) {
            System.err.println("pebble is not installed: apt-get install pebble");
            System.exit(2);
        }
        try (Http01Responder responder = Http01Responder.start(new InetSocketAddress(0));
             LocalPebble pebble = LocalPebble.start(responder.port(), true)) {
            AcmeSettings settings = AcmeSettings.builder().domains(List.of(DOMAIN))
                    .directory(pebble.directoryUrl()).trustedRoot(pebble.trustedRoot())
                    .storage(Files.createTempDirectory("acme-bench-")).pollFloor(Duration.ofMillis(20)).build();
            AcmeCertificateIssuer issuer = new AcmeCertificateIssuer(settings, responder);
            Account account = new AccountBuilder().agreeToTermsOfService()
                    .useKeyPair(KeyPairUtils.createECKeyPair("secp256r1")).create(AcmeSessions.open(settings));

            issuer.issue();
            validation(account, responder);
            double[] validation = new double[rounds];
            double[] issuance = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                validation[i] = validation(account, responder);
                long start = System.nanoTime();
                issuer.issue();
                issuance[i] = (System.nanoTime() - start) / 1e6;
            }
            double stock = stockIssuance(account, responder);
            double v = Medians.of(validation);
            double total = Medians.of(issuance);
            System.out.printf("pebble on loopback (PEBBLE_VA_NOSLEEP=1), %d rounds interleaved, median shown%n",
                    rounds);
            System.out.printf("pebble's validation of one HTTP-01 challenge : %8.1f ms%n", v);
            System.out.printf("whole issuance with AcmeCertificateIssuer    : %8.1f ms%n", total);
            System.out.printf("ratio issuance / validation                  : %8.1fx%n", total / v);
            System.out.printf("one issuance with acme4j's stock polling     : %8.1f ms (%.1fx validation)%n", stock,
                    stock / v);
        }
    }

    /** Milliseconds from triggering a challenge until Pebble reports it valid. */
    private static double validation(Account account, Http01Responder responder) throws Exception {
        Order order = account.newOrder().domains(List.of(DOMAIN)).create();
        Authorization authorization = order.getAuthorizations().get(0);
        Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class).orElseThrow();
        responder.publish(challenge.getToken(), challenge.getAuthorization());
        try {
            long start = System.nanoTime();
            challenge.trigger();
            while (challenge.getStatus() != Status.VALID) {
                if (challenge.getStatus() == Status.INVALID) {
                    throw new IllegalStateException("Pebble refused the challenge: " + challenge.getError());
                }
                Thread.sleep(2);
                challenge.fetch();
            }
            return (System.nanoTime() - start) / 1e6;
        } finally {
            responder.remove(challenge.getToken());
        }
    }

    /** One issuance the way acme4j's own examples wait. */
    private static double stockIssuance(Account account, Http01Responder responder) throws Exception {
        long start = System.nanoTime();
        Order order = account.newOrder().domains(List.of(DOMAIN)).create();
        Http01Challenge challenge = order.getAuthorizations().get(0).findChallenge(Http01Challenge.class)
                .orElseThrow();
        responder.publish(challenge.getToken(), challenge.getAuthorization());
        challenge.trigger();
        challenge.waitForCompletion(Duration.ofSeconds(60));
        responder.remove(challenge.getToken());
        order.waitUntilReady(Duration.ofSeconds(60));
        order.execute(KeyPairUtils.createECKeyPair("secp256r1"));
        order.waitForCompletion(Duration.ofSeconds(60));
        order.getCertificate().download();
        return (System.nanoTime() - start) / 1e6;
    }
}
