package io.threebot.deployer.acme;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.shredzone.acme4j.util.CSRBuilder;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * A new certificate's key, the CSR that asks for it and the archive folder that already holds the key: made while
 * the CA validates the domains ({@link #prepare}), on another thread so that the polls keep their time however long
 * the key generation, the signing and the key file take, and neither finalization nor storing the issued certificate
 * waits for them.
 *
 * @param domainKey the certificate's new key pair (P-256)
 * @param csr       the DER-encoded CSR for the domains, signed with that key
 * @param archive   the store's new archive folder with the key in it (see {@link CertificateStore#prepareArchive})
 */
record CertificateRequest(KeyPair domainKey, byte[] csr, Path archive) {
    static {
        BouncyCastle.register();
    }

    /** Starts making the key, CSR and archive for the domains on another thread. */
    static CompletableFuture<CertificateRequest> prepare(List<String> domains, CertificateStore store) {
        return CompletableFuture.supplyAsync(() -> forDomains(domains, store));
    }

    /** The key, CSR and archive for the domains. */
    static CertificateRequest forDomains(List<String> domains, CertificateStore store) {
        KeyPair key = KeyPairUtils.createECKeyPair("secp256r1");
        CSRBuilder builder = new CSRBuilder();
        builder.addDomains(domains);
        try {
            builder.sign(key);
            byte[] csr = builder.getEncoded();
            return new CertificateRequest(key, csr, store.prepareArchive(key));
        } catch (IOException e) {
            throw new AcmeCertificateException("cannot make the CSR for " + domains + ": " + e.getMessage(), e);
        }
    }

    /** The prepared request, once made; its failure as thrown. */
    static CertificateRequest await(CompletableFuture<CertificateRequest> prepared) {
        try {
            return prepared.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** Removes the archive of a request whose certificate was not issued, once it is made. */
    static void discard(CompletableFuture<CertificateRequest> prepared, CertificateStore store) {
        prepared.thenAccept(request -> store.discard(request.archive()));
    }
}
