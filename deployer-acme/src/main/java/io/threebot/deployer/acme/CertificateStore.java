package io.threebot.deployer.acme;

import io.threebot.deployer.files.AtomicFiles;
import io.threebot.deployer.spi.CertificateIssuer.IssuedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * The files of the deployer's certificate, as PEM:
 * <pre>
 * account.key                      the ACME account's key pair (kept across runs)
 * archive/&lt;n&gt;/fullchain.pem, privkey.pem   every issued certificate with its key
 * live -&gt; archive/&lt;n&gt;             the current one; web servers read live/fullchain.pem and live/privkey.pem
 * </pre>
 * A new certificate is written in full to a new archive folder (its key while the CA validates, its chain once
 * issued), and only then does {@code live} switch to it in one atomic rename, so a reader never sees a chain with
 * another certificate's key, and a failed issuance leaves the current certificate as it was (its unfinished archive
 * is removed). The three newest archives are kept, and always the live one.
 */
final class CertificateStore {
    private static final int KEEP = 3;
    private final Path root;

    CertificateStore(Path root) {
        this.root = root;
    }

    Path live() {
        return root.resolve("live");
    }

    /** The account key, made and saved on first use. */
    synchronized KeyPair accountKey() {
        Path file = root.resolve("account.key");
        try {
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    return KeyPairUtils.readKeyPair(reader);
                }
            }
            KeyPair key = KeyPairUtils.createECKeyPair("secp256r1");
            StringWriter pem = new StringWriter();
            KeyPairUtils.writeKeyPair(key, pem);
            Files.createDirectories(root);
            writeOwnerOnly(file, pem.toString());
            return key;
        } catch (IOException e) {
            throw new AcmeCertificateException("cannot read or write the ACME account key " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** Where the CA keeps the account, once it was created; saved so that later issues log in to it. */
    synchronized Optional<URL> accountLocation() {
        Path file = root.resolve("account.url");
        try {
            return Files.exists(file) ? Optional.of(new URL(Files.readString(file).strip())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Forgets the stored account location, when the CA no longer knows that account. */
    synchronized void forgetAccountLocation() {
        try {
            Files.deleteIfExists(root.resolve("account.url"));
        } catch (IOException e) {
            throw new AcmeCertificateException("cannot remove the ACME account location under " + root, e);
        }
    }

    synchronized void saveAccountLocation(URL location) {
        try {
            Files.createDirectories(root);
            writeOwnerOnly(root.resolve("account.url"), location.toString());
        } catch (IOException e) {
            throw new AcmeCertificateException("cannot write the ACME account location under " + root + ": "
                    + e.getMessage(), e);
        }
    }

    /** The live certificate, when there is one. */
    Optional<IssuedCertificate> current(List<String> domains) {
        Path chain = live().resolve("fullchain.pem");
        if (!Files.exists(chain)) {
            return Optional.empty();
        }
        return Optional.of(new IssuedCertificate(domains, chain, live().resolve("privkey.pem"),
                readChain(chain).get(0).getNotAfter().toInstant()));
    }

    /**
     * A new archive folder holding the key of a certificate yet to be issued, made while the CA validates. Older
     * archives beyond the newest three (this one counted) are removed now, the live one never.
     */
    synchronized Path prepareArchive(KeyPair key) {
        try {
            Path archive = Files.createDirectories(root.resolve("archive"));
            Path folder = Files.createDirectory(archive.resolve(Long.toString(nextNumber(archive))));
            StringWriter keyPem = new StringWriter();
            KeyPairUtils.writeKeyPair(key, keyPem);
            writeOwnerOnly(folder.resolve("privkey.pem"), keyPem.toString());
            prune(archive);
            // the link that becomes live once the chain is in the folder
            Files.deleteIfExists(pendingLink());
            Files.createSymbolicLink(pendingLink(), root.relativize(folder));
            return folder;
        } catch (IOException e) {
            throw new AcmeCertificateException("cannot store the certificate's key under " + root + ": "
                    + e.getMessage(), e);
        }
    }

    /** Adds the chain to an archive from {@link #prepareArchive} and makes that the live certificate. */
    synchronized IssuedCertificate save(List<String> domains, Path folder, List<X509Certificate> chain) {
        try {
            writeOwnerOnly(folder.resolve("fullchain.pem"), pem(chain));
            Path link = pendingLink();
            if (!Files.isSymbolicLink(link) || !root.resolve(Files.readSymbolicLink(link)).equals(folder)) {
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, root.relativize(folder));
            }
            Files.move(link, live(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new IssuedCertificate(domains, live().resolve("fullchain.pem"), live().resolve("privkey.pem"),
                    chain.get(0).getNotAfter().toInstant());
        } catch (IOException e) {
            throw new AcmeCertificateException("cannot store the certificate under " + root + ": " + e.getMessage(),
                    e);
        }
    }

    /** Removes an archive from {@link #prepareArchive} whose certificate was not issued. */
    synchronized void discard(Path folder) {
        try {
            Path link = pendingLink();
            if (Files.isSymbolicLink(link) && root.resolve(Files.readSymbolicLink(link)).equals(folder)) {
                Files.delete(link);
            }
            deleteTree(folder);
        } catch (IOException e) {
            // left for the next prune
        }
    }

    /** The link {@code live} is replaced with, made beside it first. */
    private Path pendingLink() {
        return root.resolve("live.new");
    }

    /** The chain as PEM, leaf first. */
    private static String pem(List<X509Certificate> chain) {
        Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
        StringBuilder pem = new StringBuilder();
        try {
            for (X509Certificate certificate : chain) {
                pem.append("-----BEGIN CERTIFICATE-----\n").append(base64.encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            }
        } catch (CertificateEncodingException e) {
            throw new AcmeCertificateException("the CA sent a certificate that cannot be encoded: " + e.getMessage(),
                    e);
        }
        return pem.toString();
    }

    static List<X509Certificate> readChain(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (IOException | CertificateException e) {
            throw new AcmeCertificateException("cannot read the certificate " + file + ": " + e.getMessage(), e);
        }
    }

    private static long nextNumber(Path archive) throws IOException {
        try (Stream<Path> folders = Files.list(archive)) {
            return folders.map(p -> p.getFileName().toString()).filter(s -> s.matches("\\d+"))
                    .mapToLong(Long::parseLong).max().orElse(0) + 1;
        }
    }

    private void prune(Path archive) throws IOException {
        Path current = Files.exists(live()) ? live().toRealPath() : null;
        try (Stream<Path> folders = Files.list(archive)) {
            List<Path> old = folders.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .sorted(Comparator.comparingLong((Path p) -> Long.parseLong(p.getFileName().toString()))
                            .reversed())
                    .skip(KEEP).toList();
            for (Path folder : old) {
                if (!folder.toRealPath().equals(current)) {
                    deleteTree(folder);
                }
            }
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    /** Writes a file only its owner can read, whole or not at all (a crash or a full disk leaves no half file). */
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        AtomicFiles.replace(file, content.getBytes(StandardCharsets.US_ASCII));
    }
}
