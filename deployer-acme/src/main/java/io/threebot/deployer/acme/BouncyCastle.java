package io.threebot.deployer.acme;

import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Registers Bouncy Castle as a security provider once, as acme4j's key and CSR utilities need it. */
final class BouncyCastle {
    static {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    private BouncyCastle() {
    }

    /** Makes sure the provider is registered. */
    static void register() {
        // the class's initialization did it
    }
}
