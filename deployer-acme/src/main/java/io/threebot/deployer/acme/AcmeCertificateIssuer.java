package io.threebot.deployer.acme;

import io.threebot.deployer.spi.CertificateIssuer;
import java.net.URL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.exception.AcmeUnauthorizedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets and renews the certificate of the deployer's own domain from an ACME CA (Let's Encrypt, its staging CA
 * under {@code TEST_CERT}, or any directory URL) with HTTP-01 challenges, and keeps it as PEM files (see
 * {@link #liveDirectory()}).
 *
 * <pre>{@code
 * AcmeSettings settings = AcmeSettings.builder().domains(List.of("deploy3bot.grid.tf"))
 *         .contactEmail("ops@example.org").testCert(deployerSettings.testCert()).storage(dir).build();
 * try (Http01Responder responder = Http01Responder.start(80)) {
 *     AcmeCertificateIssuer issuer = new AcmeCertificateIssuer(settings, responder);
 *     scheduler.scheduleAtFixedRate(issuer::renewIfDue, 0, 12, TimeUnit.HOURS);
 * }
 * }</pre>
 *
 * <p>The account key and the account's URL are kept, so later runs log in to the same account without asking the
 * CA. One issuance is the new order; per domain a fetch of its authorization, the challenge's trigger and its
 * polls; then finalization, the order's polls and the download. Every domain's challenge is triggered before any
 * is polled, and the certificate's key, CSR and key file are made while the CA validates. The order is not fetched
 * before finalization, the directory is read at most once in ten minutes (see {@link DirectoryKeepingProvider}),
 * and the session with its nonce is kept from one issuance to the next until one fails. Polling follows the CA's
 * Retry-After, never sooner than {@link AcmeSettings#pollFloor()} after the CA's last answer about the resource,
 * within {@link AcmeSettings#timeout()}.
 * Calls are serialized: a renewal check running while another issues waits, then finds nothing due.
 */
public final class AcmeCertificateIssuer implements CertificateIssuer {
    private static final Logger LOG = LoggerFactory.getLogger(AcmeCertificateIssuer.class);
    private static final String REJECTED_IDENTIFIER = "urn:ietf:params:acme:error:rejectedIdentifier";
    private static final String MALFORMED = "urn:ietf:params:acme:error:malformed";
    private static final String ORDER_NOT_READY = "urn:ietf:params:acme:error:orderNotReady";

    static {
        BouncyCastle.register();
    }

    private final AcmeSettings settings;
    private final ChallengeResponder responder;
    private final CertificateStore store;
    private final Clock clock;
    private final StatusPoller poller;
    private volatile URL accountLocation;
    /** The account's login, kept from one issuance to the next until one fails. */
    private Login login;

    public AcmeCertificateIssuer(AcmeSettings settings, ChallengeResponder responder) {
        this(settings, responder, Clock.systemUTC());
    }

    public AcmeCertificateIssuer(AcmeSettings settings, ChallengeResponder responder, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.responder = Objects.requireNonNull(responder, "responder");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = new CertificateStore(settings.storage());
        this.poller = new StatusPoller(clock, settings.pollFloor());
    }

    /** Where the live {@code fullchain.pem} and {@code privkey.pem} are. */
    public java.nio.file.Path liveDirectory() {
        return store.live();
    }

    /** The live certificate, if one was issued. */
    public Optional<IssuedCertificate> current() {
        return store.current(settings.domains());
    }

    /** The ACME account's URL, once this issuer has talked to the CA. */
    public Optional<URL> accountLocation() {
        return Optional.ofNullable(accountLocation);
    }

    /** Orders a certificate for the configured domains. */
    public IssuedCertificate issue() {
        return issue(settings.domains());
    }

    /**
     * Orders a certificate for the domains and makes it the live one. On any failure the live certificate stays.
     *
     * @throws InvalidDomainException    a malformed name, or one the CA will not issue for
     * @throws ChallengeFailedException  the CA could not validate a domain
     * @throws AcmeRateLimitedException  the CA is rate limiting
     * @throws CaUnreachableException    the CA could not be reached
     * @throws AcmeTimeoutException      the CA did not finish within the timeout
     */
    @Override
    public synchronized IssuedCertificate issue(List<String> domains) {
        try {
            return order(domains);
        } catch (AcmeCertificateException e) {
            boolean unknownAccount = login != null && accountUnknown(e.getCause());
            // after a failure the next order starts on a new session: directory and nonce are read anew
            login = null;
            if (!unknownAccount) {
                throw e;
            }
            // the CA no longer knows the stored account (a reset staging CA, say): make a new one, once
            LOG.warn("The CA refused the stored account {}; creating a new one", accountLocation);
            store.forgetAccountLocation();
            return order(domains);
        }
    }

    private IssuedCertificate order(List<String> domains) {
        List<String> names = AcmeSettings.checkDomains(domains);
        Instant started = clock.instant();
        Instant deadline = started.plus(settings.timeout());
        CompletableFuture<CertificateRequest> prepared = null;
        boolean saved = false;
        try {
            Account account = account();
            checkDeadline(deadline, names);
            Order order = account.newOrder().domains(names).create();
            try (Http01Validation validation = new Http01Validation(responder, poller)) {
                validation.trigger(order.getAuthorizations());
                // the key, CSR and key file are made while the CA validates
                prepared = CertificateRequest.prepare(names, store);
                validation.await(deadline);
            }
            checkDeadline(deadline, names);
            CertificateRequest request = CertificateRequest.await(prepared);
            finalizeOrder(order, request.csr(), deadline, names);
            // acme4j drops the finalization's answer, so this first fetch reads it; later ones are a floor apart
            if (poller.await(order, Set.of(Status.VALID, Status.INVALID), deadline, "the order") != Status.VALID) {
                throw new AcmeCertificateException("the CA did not issue the certificate for " + names
                        + problem(order.getError()));
            }
            Certificate certificate = order.getCertificate();
            certificate.download();
            List<X509Certificate> chain = certificate.getCertificateChain();
            IssuedCertificate issued = store.save(names, request.archive(), chain);
            saved = true;
            LOG.info("Certificate for {} issued in {} ms, valid until {}", names,
                    Duration.between(started, clock.instant()).toMillis(), issued.notAfter());
            return issued;
        } catch (AcmeException e) {
            throw translate(names, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AcmeCertificateException("interrupted while ordering a certificate for " + names, e);
        } finally {
            if (prepared != null && !saved) {
                CertificateRequest.discard(prepared, store);
            }
        }
    }

    /**
     * Renews when the live certificate has less than {@link AcmeSettings#renewBefore()} left, or there is none.
     * Never throws for a failed renewal: the outcome says why, and the live certificate stays in use.
     */
    public synchronized RenewalOutcome renewIfDue() {
        Optional<IssuedCertificate> current = current();
        if (!settings.renewalPolicy().due(current.map(IssuedCertificate::notAfter), clock.instant())) {
            return new RenewalOutcome(RenewalOutcome.Result.NOT_DUE, current, Optional.empty());
        }
        try {
            return new RenewalOutcome(RenewalOutcome.Result.RENEWED, Optional.of(issue()), Optional.empty());
        } catch (AcmeCertificateException e) {
            LOG.warn("Renewing the certificate for {} failed; keeping the current one: {}", settings.domains(),
                    e.getMessage());
            return new RenewalOutcome(RenewalOutcome.Result.FAILED, current, Optional.of(e));
        }
    }

    /**
     * The account, through one login kept until an issuance fails: the stored account is logged in to (no request),
     * and created only when there is none yet. The session keeps the CA's directory and nonce for the next order.
     */
    private Account account() throws AcmeException {
        if (login == null) {
            Session session = AcmeSessions.keepingDirectory(settings);
            Optional<URL> stored = store.accountLocation();
            if (stored.isPresent()) {
                login = session.login(stored.get(), store.accountKey());
            } else {
                AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(store.accountKey());
                settings.contactEmail().ifPresent(builder::addEmail);
                login = builder.createLogin(session);
                store.saveAccountLocation(login.getAccountLocation());
            }
            accountLocation = login.getAccountLocation();
        }
        return login.getAccount();
    }

    /**
     * Finalizes the order with the CSR. Once every authorization is valid the order is ready, so it is finalized at
     * once, without fetching it to see so; should the CA answer that it is not ready yet, the order is polled until
     * it is (or is refused) and finalized then.
     */
    private void finalizeOrder(Order order, byte[] csr, Instant deadline, List<String> names)
            throws AcmeException, InterruptedException {
        try {
            order.execute(csr);
        } catch (AcmeServerException e) {
            if (!ORDER_NOT_READY.equals(e.getType().toString())) {
                throw e;
            }
            LOG.debug("The order for {} is not ready yet: {}", names, e.getMessage());
            if (poller.await(order, Set.of(Status.READY, Status.INVALID, Status.VALID), deadline, "the order")
                    == Status.INVALID) {
                throw new ChallengeFailedException("the CA refused the order for " + names
                        + problem(order.getError()));
            }
            checkDeadline(deadline, names);
            order.execute(csr);
        }
    }

    private void checkDeadline(Instant deadline, List<String> names) {
        if (!clock.instant().isBefore(deadline)) {
            throw new AcmeTimeoutException("ordering a certificate for " + names + " took longer than the timeout ("
                    + settings.timeout().toMillis() + " ms)");
        }
    }

    private static String problem(Optional<Problem> problem) {
        return problem.map(p -> ": " + p.getDetail().orElse(p.getType().toString())).orElse("");
    }

    /** True when the CA answered that it does not know (or no longer accepts) the account. */
    private static boolean accountUnknown(Throwable cause) {
        return cause instanceof AcmeUnauthorizedException || cause instanceof AcmeServerException server
                && server.getType().toString().endsWith(":accountDoesNotExist");
    }

    static AcmeCertificateException translate(List<String> names, AcmeException e) {
        if (e instanceof org.shredzone.acme4j.exception.AcmeRateLimitedException limited) {
            return new AcmeRateLimitedException("the CA is rate limiting certificates for " + names
                    + limited.getRetryAfter().map(at -> " until " + at).orElse("") + ": " + e.getMessage(),
                    limited.getRetryAfter(), e);
        }
        if (e instanceof AcmeServerException server) {
            String type = server.getType().toString();
            if (type.equals(REJECTED_IDENTIFIER) || type.equals(MALFORMED) && e.getMessage().contains("dentifier")) {
                return new InvalidDomainException("the CA will not issue for " + names + ": " + e.getMessage(), e);
            }
            return new AcmeCertificateException("the CA refused: " + e.getMessage(), e);
        }
        if (e instanceof AcmeNetworkException) {
            return new CaUnreachableException("cannot reach the CA: " + e.getMessage(), e);
        }
        return new CaUnreachableException("the CA's answer was not usable: " + e.getMessage(), e);
    }
}
