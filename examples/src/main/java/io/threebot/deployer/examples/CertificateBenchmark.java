package io.threebot.deployer.examples;

import io.threebot.deployer.acme.AcmeCertificateIssuer;
import io.threebot.deployer.acme.AcmeSessions;
import io.threebot.deployer.acme.AcmeSettings;
import io.threebot.deployer.acme.testkit.LocalPebble;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * How long one certificate issuance takes with {@link AcmeCertificateIssuer#issue()}, side by side in one run
 * against the same Pebble (validation sleep off, HTTP-01 validated on one loopback port) with:
 * <ul>
 * <li>acme4j's minimal sequence with an existing account ({@link Acme4jMinimalIssuance}), polling with the same
 *     floor: the issuer must be as fast or faster;</li>
 * <li>the {@code lego} and {@code certbot} command-line clients, each run as an operator would (a whole process,
 *     its account registered once beforehand): the issuer must be faster.</li>
 * </ul>
 * Our responder frees the challenge port while lego or certbot runs, so each answers Pebble itself. Each round
 * issues {@value #PAIRS} pairs with the issuer and acme4j side by side (alternating which goes first), each
 * certificate for a name of its own so that Pebble cannot hand back an authorization it validated before, then one
 * certificate with lego and one with certbot (alternating too). The issuer is held to acme4j by the median of the
 * pairs' ratios, and to lego and certbot by the ratio of the medians.
 *
 * <p>Run with {@code ./scripts/benchmark.sh acme [rounds]} (default 7). Needs the Debian packages pebble, lego and
 * certbot.
 */
public final class CertificateBenchmark {
    private static final String DOMAIN = "bench.deploy3bot.grid.tf";
    /** The shortest pause between polls, for the issuer and acme4j alike. */
    private static final Duration FLOOR = Duration.ofMillis(50);
    /**
     * Issuer and acme4j issuances per round, in pairs side by side (which goes first alternates): theirs differ by a
     * few milliseconds, so they need many more samples than the command-line clients, which take seconds.
     */
    private static final int PAIRS = 16;

    private CertificateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Timings timings = measure(rounds);
        timings.print(System.out);
        System.out.println();
        BenchmarkTable.print(timings.ratios(), System.out);
    }

    /**
     * Starts Pebble, issues certificates for {@code rounds} rounds, stops Pebble and returns the issuer's ratios to
     * acme4j, lego and certbot.
     *
     * @throws IllegalStateException when pebble, lego or certbot is not installed (naming the package)
     */
    public static List<BenchmarkRatio> ratios(int rounds) throws Exception {
        return measure(rounds).ratios();
    }

    private static Timings measure(int rounds) throws Exception {
        if (rounds < 1) {
            throw new IllegalArgumentException("at least one round");
        }
        if (!LocalPebble.available()) {
            throw new IllegalStateException("pebble is not installed; the certificate benchmark needs it: "
                    + "apt-get install -y pebble");
        }
        new CliIssuance("lego", "lego", Map.of(), Path.of("lego.log")).requireInstalled();
        new CliIssuance("certbot", "certbot", Map.of(), Path.of("certbot.log")).requireInstalled();
        Path work = Files.createTempDirectory("acme-bench-");
        int port = LocalPebble.freePort();
        try (PortSharingResponder responder = new PortSharingResponder(port);
             LocalPebble pebble = LocalPebble.start(port, true)) {
            Path root = pebble.trustedRoot();
            String directory = pebble.directoryUrl().toString();
            CliIssuance lego = new CliIssuance("lego", "lego", Map.of("LEGO_CA_CERTIFICATES", root.toString()),
                    work.resolve("lego.log"));
            CliIssuance certbot = new CliIssuance("certbot", "certbot",
                    Map.of("REQUESTS_CA_BUNDLE", root.toString()), work.resolve("certbot.log"));
            List<String> legoRun = List.of("--server", directory, "--accept-tos", "--email", "bench@example.org",
                    "--domains", DOMAIN, "--http", "--http.port", ":" + port, "--path",
                    work.resolve("lego").toString(), "run");
            List<String> certbotDirs = List.of("--server", directory, "--non-interactive",
                    "--config-dir", work.resolve("certbot/config").toString(),
                    "--work-dir", work.resolve("certbot/work").toString(),
                    "--logs-dir", work.resolve("certbot/logs").toString());
            List<String> certbotIssue = concat(List.of("certonly", "--standalone", "--http-01-port",
                    Integer.toString(port), "--agree-tos", "--register-unsafely-without-email", "-d", DOMAIN,
                    "--force-renewal"), certbotDirs);

            AcmeSettings settings = AcmeSettings.builder().domains(List.of(DOMAIN))
                    .directory(pebble.directoryUrl()).trustedRoot(root).storage(work.resolve("issuer"))
                    .pollFloor(FLOOR).timeout(Duration.ofSeconds(60)).build();
            responder.listen();
            // the issuer's first issuance creates its account; acme4j's account is made here, once
            AcmeCertificateIssuer issuer = new AcmeCertificateIssuer(settings, responder);
            issuer.issue();
            Session session = AcmeSessions.open(settings);
            KeyPair accountKey = KeyPairUtils.createECKeyPair("secp256r1");
            Login login = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey).createLogin(session);
            Acme4jMinimalIssuance acme4j = new Acme4jMinimalIssuance(session, login.getAccountLocation(),
                    accountKey, responder, FLOOR);
            acme4j.issue(DOMAIN);
            responder.release();
            // lego's first run registers its account; certbot registers, then makes the lineage renewed below
            lego.run(legoRun);
            certbot.run(concat(List.of("register", "--agree-tos", "--register-unsafely-without-email"),
                    certbotDirs));
            certbot.run(certbotIssue);

            Timings timings = new Timings(rounds);
            for (int i = 0; i < rounds; i++) {
                responder.listen();
                for (int j = 0; j < PAIRS; j++) {
                    int pair = i * PAIRS + j;
                    boolean issuerFirst = pair % 2 == 0;
                    List<String> ours = List.of("i" + pair + "." + DOMAIN);
                    String theirs = "a" + pair + "." + DOMAIN;
                    if (!issuerFirst) {
                        timings.acme4j[pair] = timed(() -> acme4j.issue(theirs));
                    }
                    timings.issuer[pair] = timed(() -> issuer.issue(ours));
                    if (issuerFirst) {
                        timings.acme4j[pair] = timed(() -> acme4j.issue(theirs));
                    }
                }
                responder.release();
                boolean legoFirst = i % 2 == 0;
                if (legoFirst) {
                    timings.lego[i] = lego.run(legoRun);
                }
                timings.certbot[i] = certbot.run(certbotIssue);
                if (!legoFirst) {
                    timings.lego[i] = lego.run(legoRun);
                }
            }
            return timings;
        } finally {
            deleteTree(work);
        }
    }

    private interface Issuance {
        void run() throws Exception;
    }

    private static double timed(Issuance issuance) throws Exception {
        long start = System.nanoTime();
        issuance.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Milliseconds per issuance: for the issuer and acme4j one entry per pair, for lego and certbot per round. */
    private static final class Timings {
        private final int rounds;
        private final double[] issuer;
        private final double[] acme4j;
        private final double[] lego;
        private final double[] certbot;

        Timings(int rounds) {
            this.rounds = rounds;
            this.issuer = new double[rounds * PAIRS];
            this.acme4j = new double[rounds * PAIRS];
            this.lego = new double[rounds];
            this.certbot = new double[rounds];
        }

        /** The issuer against acme4j as the median of the pairs' ratios; against the tools, of the medians. */
        List<BenchmarkRatio> ratios() {
            double ours = Medians.of(issuer);
            double[] paired = new double[issuer.length];
            for (int i = 0; i < paired.length; i++) {
                paired[i] = issuer[i] / acme4j[i];
            }
            return List.of(
                    BenchmarkRatio.atMost("ACME issuance / acme4j minimal", Medians.of(paired), 1.0,
                            detail(ours, acme4j) + String.format(" (ratio %.2f); median of %d paired ratios",
                                    ours / Medians.of(acme4j), paired.length)),
                    below("ACME issuance / lego", ours, lego),
                    below("ACME issuance / certbot", ours, certbot));
        }

        /** A ratio that must be below 1.0: faster, not as fast. */
        private static BenchmarkRatio below(String measure, double ours, double[] theirs) {
            double ratio = ours / Medians.of(theirs);
            return new BenchmarkRatio(measure, ratio, "< 1.00", ratio < 1.0, detail(ours, theirs));
        }

        private static String detail(double ours, double[] theirs) {
            return String.format("%.1f vs %.1f ms per certificate", ours, Medians.of(theirs));
        }

        void print(PrintStream out) {
            out.printf("One certificate for %s from pebble on loopback (PEBBLE_VA_NOSLEEP=1), HTTP-01,%n", DOMAIN);
            out.printf("%d rounds, each %d issuer/acme4j pairs side by side, then lego and certbot; medians;%n",
                    rounds, PAIRS);
            out.printf("poll floor %d ms for the issuer and acme4j; every client reuses its account%n",
                    FLOOR.toMillis());
            line(out, "AcmeCertificateIssuer.issue()", issuer,
                    "order to PEM files stored and live; logged in once, session kept");
            line(out, "acme4j minimal sequence", acme4j,
                    "login, order, authz, trigger, polls, finalize, polls, download; session kept");
            line(out, "lego run", lego,
                    "whole process with its HTTP-01 server; account made by an earlier run");
            line(out, "certbot certonly --standalone", certbot,
                    "whole process, --force-renewal; account made by certbot register");
        }

        private static void line(PrintStream out, String what, double[] millis, String includes) {
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            out.printf("%-32s %9.1f ms  (min %.1f, max %.1f)  %s%n", what, Medians.of(millis), sorted[0],
                    sorted[sorted.length - 1], includes);
        }
    }
}
