package io.threebot.deployer.acme;

import java.time.Duration;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.provider.AcmeProvider;

/** acme4j sessions for the CA of some {@link AcmeSettings}, for work beyond issuing (revocation, say). */
public final class AcmeSessions {
    private static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(30);

    private AcmeSessions() {
    }

    /**
     * A plain acme4j session on the settings' directory, trusting their extra root if any, with a 30 s network
     * timeout.
     */
    public static Session open(AcmeSettings settings) {
        return withTimeout(new Session(settings.directory(), provider(settings)));
    }

    /** Like {@link #open}, keeping the directory once read (see {@link DirectoryKeepingProvider}); for issuing. */
    static Session keepingDirectory(AcmeSettings settings) {
        return withTimeout(new Session(settings.directory(), new DirectoryKeepingProvider(provider(settings))));
    }

    /** acme4j's provider for the directory URL, or one trusting the settings' extra root. */
    private static AcmeProvider provider(AcmeSettings settings) {
        return settings.trustedRoot().<AcmeProvider>map(TrustingAcmeProvider::new)
                .orElseGet(() -> new Session(settings.directory()).provider());
    }

    private static Session withTimeout(Session session) {
        session.networkSettings().setTimeout(NETWORK_TIMEOUT);
        return session;
    }
}
