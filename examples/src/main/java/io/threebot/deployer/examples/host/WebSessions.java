package io.threebot.deployer.examples.host;

import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Browser sessions of the host app, in a state store, so that every host instance on a shared store knows them.
 * A session is found by its cookie's value, which is stored only as a SHA-256 hash: a copy of the store opens no
 * session. Each carries its own CSRF token and lives {@link #LIFETIME} after it was last saved.
 */
final class WebSessions {
    static final String KIND = "web-sessions";
    static final Duration LIFETIME = Duration.ofHours(12);

    /**
     * One browser's session.
     *
     * @param principal  the logged-in user, once the login finished
     * @param loginState the state of a login under way
     * @param csrf       the token every state-changing request of this session must carry
     */
    record Session(Optional<String> principal, Optional<String> loginState, String csrf, Instant expires) {
        Session {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(loginState, "loginState");
            Objects.requireNonNull(csrf, "csrf");
            Objects.requireNonNull(expires, "expires");
        }
    }

    /** A session with the cookie value that finds it. */
    record Opened(String cookie, Session session) {
    }

    private final StateStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    WebSessions(StateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A new session, nobody logged in yet. */
    Opened create(Optional<String> loginState) {
        String cookie = token();
        Session session = new Session(Optional.empty(), loginState, token(), clock.instant().plus(LIFETIME));
        store.put(KIND, key(cookie), session, StateStore.NEW);
        return new Opened(cookie, session);
    }

    /** A logged-in session under a new cookie, the old one ended: a cookie planted before the login is worth nothing. */
    Opened loggedIn(String oldCookie, String principal) {
        end(oldCookie);
        String cookie = token();
        Session session = new Session(Optional.of(principal), Optional.empty(), token(),
                clock.instant().plus(LIFETIME));
        store.put(KIND, key(cookie), session, StateStore.NEW);
        return new Opened(cookie, session);
    }

    /** The session of a cookie, unless it ran out (then it is removed). */
    Optional<Session> find(String cookie) {
        if (cookie == null || cookie.length() != 43) {
            return Optional.empty();
        }
        Optional<Versioned<Session>> stored = store.get(KIND, key(cookie), Session.class);
        if (stored.isPresent() && stored.get().value().expires().isBefore(clock.instant())) {
            end(cookie);
            return Optional.empty();
        }
        return stored.map(Versioned::value);
    }

    /** Removes every session that ran out; returns how many. */
    int sweep() {
        int removed = 0;
        for (Versioned<Session> stored : store.list(KIND, Session.class)) {
            if (stored.value().expires().isBefore(clock.instant())) {
                try {
                    removed += store.delete(KIND, stored.id(), stored.version()) ? 1 : 0;
                } catch (io.threebot.deployer.spi.StaleVersionException e) {
                    // used meanwhile: it stays
                }
            }
        }
        return removed;
    }

    void end(String cookie) {
        if (cookie != null && cookie.length() == 43) {
            store.get(KIND, key(cookie), Session.class).ifPresent(v -> store.delete(KIND, key(cookie), v.version()));
        }
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String key(String cookie) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(cookie.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
