package io.threebot.deployer.acme;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * acme4j's generic provider for {@code https://} directory URLs, trusting one more root certificate besides the
 * JDK's: for private CAs and test servers.
 */
final class TrustingAcmeProvider extends GenericAcmeProvider {
    private final SSLContext ssl;

    TrustingAcmeProvider(Path rootPem) {
        this.ssl = sslContext(rootPem);
    }

    @Override
    public HttpClient createHttpClient(NetworkSettings settings) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(settings.getTimeout())
                .proxy(settings.getProxySelector())
                .sslContext(ssl);
        if (settings.getAuthenticator() != null) {
            builder.authenticator(settings.getAuthenticator());
        }
        return builder.build();
    }

    private static SSLContext sslContext(Path rootPem) {
        try (InputStream in = Files.newInputStream(rootPem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("root-" + n++, certificate);
            }
            TrustManagerFactory extra = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            extra.init(store);
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {either(first(jdk), first(extra))}, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new AcmeCertificateException("cannot use " + rootPem + " as a trusted root: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager first(TrustManagerFactory factory) {
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("no X.509 trust manager");
    }

    /** Trusts what either manager trusts. */
    private static X509TrustManager either(X509TrustManager jdk, X509TrustManager extra) {
        return new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType)
                    throws java.security.cert.CertificateException {
                jdk.checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType)
                    throws java.security.cert.CertificateException {
                try {
                    extra.checkServerTrusted(chain, authType);
                } catch (java.security.cert.CertificateException notOurs) {
                    jdk.checkServerTrusted(chain, authType);
                }
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                X509Certificate[] a = jdk.getAcceptedIssuers();
                X509Certificate[] b = extra.getAcceptedIssuers();
                X509Certificate[] all = java.util.Arrays.copyOf(a, a.length + b.length);
                System.arraycopy(b, 0, all, a.length, b.length);
                return all;
            }
        };
    }
}
