package io.threebot.deployer.acme;

import java.time.Duration;
import org.shredzone.acme4j.Session;

/** acme4j sessions for the CA of some {@link AcmeSettings}, for work beyond issuing (revocation, say). */
public final class AcmeSessions {
    private AcmeSessions() {
    }

    /** A session on the settings' directory, trusting their extra root if any, with a 30 s network timeout. */
    public static Session open(AcmeSettings settings) {
        Session session = settings.trustedRoot()
                .map(root -> new Session(settings.directory(), new TrustingAcmeProvider(root)))
                .orElseGet(() -> new Session(settings.directory()));
        session.networkSettings().setTimeout(Duration.ofSeconds(30));
        return session;
    }
}
