package io.threebot.deployer.internal.backup;

import io.threebot.deployer.backup.BackupAccessDeniedException;
import io.threebot.deployer.internal.store.Records;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;

/**
 * The one-time backup tokens handed to new 3Bots. A token is tied to one identity, expires, and is used up by the
 * first account it creates; a new token for an identity replaces the old one.
 */
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
        BackupToken record = BackupToken.of(identityName, token, clock.instant().plus(lifetime));
        Records.upsert(store, BackupToken.KIND, identityName, BackupToken.class, record, old -> record);
        return token;
    }

    /**
     * Takes the identity's token out of use. Of two callers presenting the same token at once, one wins.
     *
     * @throws BackupAccessDeniedException when the identity has no such token, or it expired or was used
     */
    public void consume(String identityName, String token) {
        Versioned<BackupToken> current = current(identityName)
                .filter(v -> v.value().isFor(token))
                .orElseThrow(() -> new BackupAccessDeniedException("no valid backup token for " + identityName));
        if (current.value().consumed()) {
            throw new BackupAccessDeniedException("the backup token for " + identityName + " was already used");
        }
        if (!clock.instant().isBefore(current.value().expiresAt())) {
            throw new BackupAccessDeniedException("the backup token for " + identityName + " expired at "
                    + current.value().expiresAt());
        }
        try {
            store.put(BackupToken.KIND, identityName, current.value().withConsumed(true), current.version());
        } catch (StaleVersionException e) {
            throw new BackupAccessDeniedException("the backup token for " + identityName + " is being used");
        }
    }

    /** Puts a consumed token back in use, when the account it was to create could not be made. */
    public void restore(String identityName, String token) {
        current(identityName).filter(v -> v.value().isFor(token) && v.value().consumed()).ifPresent(v ->
                Records.upsert(store, BackupToken.KIND, identityName, BackupToken.class, v.value(),
                        old -> old.isFor(token) ? old.withConsumed(false) : old));
    }

    private Optional<Versioned<BackupToken>> current(String identityName) {
        return store.get(BackupToken.KIND, identityName, BackupToken.class);
    }
}
