package io.threebot.deployer.acme;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.connector.Connection;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.AcmeProvider;
import org.shredzone.acme4j.toolbox.JSON;

/**
 * Another provider, whose directory a session keeps for a while after reading it. acme4j reads the directory
 * again before every new order (and every new nonce) when the CA sends no caching headers, as Pebble and Let's
 * Encrypt do ({@code Cache-Control: max-age=0, no-cache}); a directory's URLs change about never, so one read is
 * kept for {@link #KEPT}, or longer when the CA allows. Everything else is the wrapped provider's.
 */
final class DirectoryKeepingProvider implements AcmeProvider {
    /** How long a directory read is kept at least. */
    static final Duration KEPT = Duration.ofMinutes(10);

    private final AcmeProvider provider;

    DirectoryKeepingProvider(AcmeProvider provider) {
        this.provider = provider;
    }

    @Override
    public JSON directory(Session session, URI serverUri) throws AcmeException {
        JSON directory = provider.directory(session, serverUri);
        if (directory != null) {
            ZonedDateTime kept = ZonedDateTime.now(ZoneOffset.UTC).plus(KEPT);
            ZonedDateTime allowed = session.getDirectoryExpires();
            if (allowed == null || allowed.isBefore(kept)) {
                session.setDirectoryExpires(kept);
            }
        }
        return directory;
    }

    @Override
    public boolean accepts(URI serverUri) {
        return provider.accepts(serverUri);
    }

    @Override
    public URL resolve(URI serverUri) {
        return provider.resolve(serverUri);
    }

    @Override
    public HttpClient createHttpClient(NetworkSettings networkSettings) {
        return provider.createHttpClient(networkSettings);
    }

    @Override
    public Connection connect(URI serverUri, NetworkSettings networkSettings, HttpClient httpClient) {
        return provider.connect(serverUri, networkSettings, httpClient);
    }

    @Override
    public Challenge createChallenge(Login login, JSON data) {
        return provider.createChallenge(login, data);
    }

    @Override
    public Optional<String> getProposedEabMacAlgorithm() {
        return provider.getProposedEabMacAlgorithm();
    }
}
