package io.threebot.deployer.acme;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * The HTTP-01 validation of an order's domains: {@link #trigger} answers and triggers every domain's challenge
 * first, so that the CA validates them side by side, and {@link #await} then polls each until it is valid. Closing
 * stops answering the challenges.
 */
final class Http01Validation implements AutoCloseable {
    private static final Set<Status> DONE = Set.of(Status.VALID, Status.INVALID);

    private final ChallengeResponder responder;
    private final StatusPoller poller;
    private final List<Triggered> triggered = new ArrayList<>();

    /** A challenge the CA was asked to validate, and when it answered (on the monotonic clock). */
    private record Triggered(String domain, Http01Challenge challenge, long answeredAt) {
    }

    Http01Validation(ChallengeResponder responder, StatusPoller poller) {
        this.responder = responder;
        this.poller = poller;
    }

    /**
     * Publishes the answer to each authorization's HTTP-01 challenge and triggers it; valid authorizations are left
     * out. Each authorization is fetched once here (acme4j binds it without its content).
     *
     * @throws ChallengeFailedException when the CA offers no HTTP-01 challenge for a domain
     */
    void trigger(List<Authorization> authorizations) throws AcmeException {
        for (Authorization authorization : authorizations) {
            String domain = authorization.getIdentifier().getDomain();
            if (authorization.getStatus() == Status.VALID) {
                continue;
            }
            Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class).orElseThrow(() ->
                    new ChallengeFailedException("the CA offers no HTTP-01 challenge for " + domain));
            responder.publish(challenge.getToken(), challenge.getAuthorization());
            if (challenge.getStatus() != Status.VALID) {
                challenge.trigger();
            }
            triggered.add(new Triggered(domain, challenge, System.nanoTime()));
        }
    }

    /**
     * Waits until every triggered challenge is valid. The trigger's answer counts as a challenge's first poll, so its
     * first fetch is a floor after that answer.
     *
     * @throws ChallengeFailedException when the CA could not validate a domain
     * @throws AcmeTimeoutException     when a challenge is still pending at the deadline
     */
    void await(Instant deadline) throws AcmeException, InterruptedException {
        for (Triggered t : triggered) {
            Status status = poller.awaitFresh(t.challenge(), DONE, deadline, "the challenge for " + t.domain(),
                    t.answeredAt());
            if (status == Status.INVALID) {
                throw new ChallengeFailedException("the CA could not validate " + t.domain()
                        + problem(t.challenge()));
            }
        }
    }

    private static String problem(Http01Challenge challenge) {
        return challenge.getError().map(Http01Validation::detail).orElse("");
    }

    private static String detail(Problem p) {
        return ": " + p.getDetail().orElse(p.getType().toString());
    }

    @Override
    public void close() {
        for (Triggered t : triggered) {
            responder.remove(t.challenge().getToken());
        }
    }
}
