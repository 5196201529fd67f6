package io.threebot.deployer.acme.testkit;

import io.threebot.deployer.testkit.LoopbackServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A real Pebble ACME server on free loopback ports, for tests and benchmarks, with its DNS pointed at a
 * {@code pebble-challtestsrv} that resolves every name to 127.0.0.1, so HTTP-01 challenges for any domain reach a
 * responder on this machine. Pebble's own TLS certificate is made here (Debian's package ships none); clients
 * trust {@link #trustedRoot()}.
 */
public final class LocalPebble implements AutoCloseable {
    private final Path directory;
    private final int acmePort;
    private final int managementPort;
    private final int httpChallengePort;
    private final List<Process> processes = new ArrayList<>();

    private LocalPebble(Path directory, int acmePort, int managementPort, int httpChallengePort) {
        this.directory = directory;
        this.acmePort = acmePort;
        this.managementPort = managementPort;
        this.httpChallengePort = httpChallengePort;
    }

    /** True when pebble and pebble-challtestsrv are installed. */
    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/pebble"))
                && Files.isExecutable(Path.of("/usr/bin/pebble-challtestsrv"));
    }

    /**
     * Starts Pebble, validating HTTP-01 challenges on {@code httpChallengePort} of 127.0.0.1.
     *
     * @param noSleep turn off Pebble's random validation delay (up to 5 s)
     */
    public static LocalPebble start(int httpChallengePort, boolean noSleep) {
        try {
            Path dir = Files.createTempDirectory("pebble-");
            LocalPebble pebble = new LocalPebble(dir, freePort(), freePort(), httpChallengePort);
            pebble.startAll(noSleep);
            return pebble;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ACME directory URL. */
    public URI directoryUrl() {
        return URI.create("https://localhost:" + acmePort + "/dir");
    }

    /** The certificate Pebble's HTTPS endpoints present (a self-signed root made for this run), PEM. */
    public Path trustedRoot() {
        return directory.resolve("tls-root.pem");
    }

    /** Pebble's management interface (roots and intermediates of the test CA). */
    public URI managementUrl() {
        return URI.create("https://localhost:" + managementPort);
    }

    public int httpChallengePort() {
        return httpChallengePort;
    }

    @Override
    public void close() {
        processes.forEach(LoopbackServers::stop);
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    private void startAll(boolean noSleep) throws IOException {
        writeTlsCertificate();
        int dnsPort = freeUdpPort();
        int challtestManagement = freePort();
        processes.add(LoopbackServers.start(List.of("pebble-challtestsrv", "-dns01", "127.0.0.1:" + dnsPort,
                "-http01", "",
                "-https01", "", "-tlsalpn01", "", "-management", "127.0.0.1:" + challtestManagement,
                "-defaultIPv4", "127.0.0.1", "-defaultIPv6", ""), directory.resolve("challtestsrv.log")));
        LoopbackServers.awaitPort(challtestManagement, processes, directory.resolve("challtestsrv.log"));
        Files.writeString(directory.resolve("pebble-config.json"), """
                {"pebble": {
                  "listenAddress": "127.0.0.1:%d",
                  "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s",
                  "privateKey": "%s",
                  "httpPort": %d,
                  "tlsPort": %d,
                  "ocspResponderURL": "",
                  "externalAccountBindingRequired": false
                }}
                """.formatted(acmePort, managementPort, directory.resolve("tls-cert.pem"),
                directory.resolve("tls-key.pem"), httpChallengePort, freePort()));
        // no random nonce rejections and no reuse of valid authorizations: every order is validated anew
        Map<String, String> environment = new java.util.HashMap<>(Map.of("PEBBLE_WFE_NONCEREJECT", "0",
                "PEBBLE_AUTHZREUSE", "0"));
        if (noSleep) {
            environment.put("PEBBLE_VA_NOSLEEP", "1");
        }
        processes.add(LoopbackServers.start(List.of("pebble", "-config",
                directory.resolve("pebble-config.json").toString(), "-dnsserver", "127.0.0.1:" + dnsPort), environment, directory.resolve("pebble.log")));
        LoopbackServers.awaitPort(acmePort, processes, directory.resolve("pebble.log"));
    }

    /** A self-signed certificate for localhost and 127.0.0.1, usable as its own trust anchor. */
    private void writeTlsCertificate() throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=localhost");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(2))), name, keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            writePem(directory.resolve("tls-cert.pem"), certificate);
            writePem(directory.resolve("tls-root.pem"), certificate);
            writePem(directory.resolve("tls-key.pem"), new JcaPKCS8Generator(keys.getPrivate(), null));
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot make Pebble's TLS certificate", e);
        }
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            pem.writeObject(object);
        }
    }

    /** A free TCP port on loopback. */
    public static int freePort() {
        return LoopbackServers.freePort();
    }

    private static int freeUdpPort() throws IOException {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
