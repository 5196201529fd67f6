package io.threebot.deployer.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.util.KeyPairUtils;

class CertificateRequestTest {
    private static final List<String> DOMAINS = List.of("deploy3bot.grid.test", "www.deploy3bot.grid.test");

    @TempDir
    Path storage;

    @Test
    void theCsrNamesEveryDomainAndIsSignedWithTheNewKeyWhichIsArchivedForTheOwnerOnly() throws Exception {
        CertificateRequest request = CertificateRequest.await(
                CertificateRequest.prepare(DOMAINS, new CertificateStore(storage)));

        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(request.csr());
        assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder()
                .build(request.domainKey().getPublic()))).isTrue();
        Extensions extensions = Extensions.getInstance(
                csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0].getAttrValues()
                        .getObjectAt(0));
        GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
        assertThat(Arrays.stream(names.getNames()).map(GeneralName::getName).map(String::valueOf))
                .containsExactly("deploy3bot.grid.test", "www.deploy3bot.grid.test");

        Path key = request.archive().resolve("privkey.pem");
        assertThat(request.archive().getParent()).isEqualTo(storage.resolve("archive"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        KeyPair stored;
        try (Reader reader = Files.newBufferedReader(key)) {
            stored = KeyPairUtils.readKeyPair(reader);
        }
        assertThat(stored.getPublic()).isEqualTo(request.domainKey().getPublic());
        assertThat(storage.resolve("live")).doesNotExist();
    }

    @Test
    void eachRequestHasItsOwnKeyAndArchiveAndADiscardedOneIsRemoved() {
        CertificateStore store = new CertificateStore(storage);
        CertificateRequest first = CertificateRequest.forDomains(DOMAINS, store);
        CompletableFuture<CertificateRequest> second = CertificateRequest.prepare(DOMAINS, store);
        CertificateRequest made = CertificateRequest.await(second);
        assertThat(made.domainKey().getPublic()).isNotEqualTo(first.domainKey().getPublic());
        assertThat(made.archive()).isNotEqualTo(first.archive());

        CertificateRequest.discard(second, store);
        assertThat(made.archive()).doesNotExist();
        assertThat(first.archive()).exists();
    }
}
