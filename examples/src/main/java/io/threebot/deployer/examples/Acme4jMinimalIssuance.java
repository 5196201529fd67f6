package io.threebot.deployer.examples;

import io.threebot.deployer.acme.ChallengeResponder;
import java.net.URL;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * The fewest acme4j calls that issue a certificate by HTTP-01 with an existing account, as the yardstick for
 * {@code AcmeCertificateIssuer}: log in by the account's URL and key (no request), new order, fetch of the
 * authorization, trigger and polls of its challenge (unless already valid), finalization with a CSR, polls of the
 * order, download. Every poll waits for the floor (or a longer Retry-After) first; the order's status after
 * finalization is read as acme4j offers it (its first read fetches the order). The session is kept from one
 * issuance to the next; the certificate is downloaded and not stored.
 *
 * <p>It polls as tightly as the issuer may, and does not fetch the order before finalization (nor does the issuer).
 * It differs from the issuer in that acme4j reads the directory again for every order, the key and CSR are made
 * after the validation, and nothing is stored.
 */
final class Acme4jMinimalIssuance {
    private final Session session;
    private final URL accountLocation;
    private final KeyPair accountKey;
    private final ChallengeResponder responder;
    private final Duration floor;

    Acme4jMinimalIssuance(Session session, URL accountLocation, KeyPair accountKey, ChallengeResponder responder,
                          Duration floor) {
        this.session = session;
        this.accountLocation = accountLocation;
        this.accountKey = accountKey;
        this.responder = responder;
        this.floor = floor;
    }

    /** Issues one certificate for the domain; fails when the CA refuses it. */
    void issue(String domain) throws Exception {
        Login login = session.login(accountLocation, accountKey);
        Order order = login.getAccount().newOrder().domains(List.of(domain)).create();
        Authorization authorization = order.getAuthorizations().get(0);
        if (authorization.getStatus() != Status.VALID) {
            Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class).orElseThrow();
            responder.publish(challenge.getToken(), challenge.getAuthorization());
            try {
                if (challenge.getStatus() != Status.VALID) {
                    challenge.trigger();
                }
                require(poll(challenge, Optional.empty()), "the challenge");
            } finally {
                responder.remove(challenge.getToken());
            }
        }
        order.execute(KeyPairUtils.createECKeyPair("secp256r1"));
        require(poll(order, Optional.empty()), "the order");
        order.getCertificate().download();
    }

    /**
     * Until the status is VALID or INVALID: wait for the floor or the Retry-After, then fetch. The pause is timed in
     * nanoseconds as the issuer's is, so that neither waits less than the floor.
     */
    private Status poll(PollableResource resource, Optional<Instant> retryAfter) throws Exception {
        Status status = resource.getStatus();
        while (status != Status.VALID && status != Status.INVALID) {
            long pause = floor.toNanos();
            if (retryAfter.isPresent()) {
                pause = Math.max(pause, Duration.between(Instant.now(), retryAfter.get()).toNanos());
            }
            TimeUnit.NANOSECONDS.sleep(pause);
            retryAfter = resource.fetch();
            status = resource.getStatus();
        }
        return status;
    }

    private static void require(Status status, String what) {
        if (status != Status.VALID) {
            throw new IllegalStateException(what + " ended " + status);
        }
    }
}
