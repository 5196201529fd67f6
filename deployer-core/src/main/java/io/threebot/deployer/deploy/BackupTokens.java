package io.threebot.deployer.deploy;

import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.store.Records;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

/** Issues the one-time backup tokens handed to new 3Bots; a new token for an identity replaces the old one. */
public final class BackupTokens {
    private final StateStore store;
    private final Clock clock;
    private final Random random;
    private final Duration lifetime;

    public BackupTokens(StateStore store, Clock clock, Random random, Duration lifetime) {
        this.store = store;
        this.clock = clock;
        this.random = random;
        this.lifetime = lifetime;
    }

    /** Issues a token for the identity and returns it; only its hash is stored. */
    public String issue(String identityName) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        BackupToken record = new BackupToken(identityName, sha256(token), clock.instant().plus(lifetime), false);
        Records.upsert(store, BackupToken.KIND, identityName, BackupToken.class, record, old -> record);
        return token;
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
