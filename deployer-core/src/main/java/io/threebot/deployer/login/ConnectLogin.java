package io.threebot.deployer.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.internal.crypto.NaCl;
import io.threebot.deployer.internal.store.Json;
import io.threebot.deployer.login.LoginRefusedException.Why;
import io.threebot.deployer.support.Durations;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * ThreeFold Connect login for a host application, without a web framework: {@link #start()} gives the redirect to
 * the login service and a fresh state for the user's session; {@link #finish} checks the callback and returns the
 * user, or refuses with a {@link LoginRefusedException} saying why. Nothing else logs anyone in.
 *
 * <p>The callback's attempt must be signed by the user's ed25519 key (fetched from the service's users API, with a
 * timeout), name the same user inside, carry the state this session was given (each state works once and for
 * {@link Builder#stateLifetime} only), and hold the user's email sealed for the app's curve25519 key. The
 * {@code appid} comes from configuration, never from a request.
 *
 * <pre>{@code
 * ConnectLogin login = ConnectLogin.builder(URI.create("https://login.threefold.me"), "deployer.example.org",
 *         URI.create("https://deployer.example.org/auth/callback"), appKeys).build();
 * LoginRedirect go = login.start();            // session.put("state", go.state()); redirect to go.location()
 * ConnectUser user = login.finish(request.getParameter("signedAttempt"), session.get("state"));
 * }</pre>
 *
 * Thread-safe; one instance serves every login of the host.
 */
public final class ConnectLogin {
    private static final ObjectMapper JSON = Json.mapper();
    private static final char[] STATE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
            .toCharArray();
    private static final int STATE_LENGTH = 32;
    private static final Pattern DOUBLE_NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}\\.3bot");

    private final URI service;
    private final String appId;
    private final URI redirectUrl;
    private final byte[] appCurvePrivateKey;
    private final String appCurvePublicKey;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Issued states not used yet, with when they were issued. */
    private final Cache<String, Instant> issued;
    private final Duration stateLifetime;

    private ConnectLogin(Builder b) {
        this.service = b.service;
        this.appId = b.appId;
        this.redirectUrl = b.redirectUrl;
        this.appCurvePrivateKey = NaCl.curvePrivateKey(b.appKeys.seed());
        this.appCurvePublicKey = Base64.getEncoder().encodeToString(NaCl.curvePublicKeyOf(appCurvePrivateKey));
        this.http = HttpClient.newBuilder().connectTimeout(b.requestTimeout).build();
        this.requestTimeout = b.requestTimeout;
        this.clock = b.clock;
        this.stateLifetime = b.stateLifetime;
        // kept a little longer than they are good for, so an expired state is told apart from an unknown one
        this.issued = CacheBuilder.newBuilder().expireAfterWrite(stateLifetime.multipliedBy(2).toMillis(),
                TimeUnit.MILLISECONDS).maximumSize(100_000).build();
    }

    /**
     * @param service     the login service, e.g. {@code https://login.threefold.me}
     * @param appId       the host name the app is served on, from configuration
     * @param redirectUrl where the service sends the browser back, with {@code ?signedAttempt=...}
     * @param appKeys     the app's identity; its curve25519 form is the key the user's data is sealed for
     */
    public static Builder builder(URI service, String appId, URI redirectUrl, IdentityKeys appKeys) {
        return new Builder(service, appId, redirectUrl, appKeys);
    }

    /** A new login attempt: the page to redirect to and the state to keep in the user's session. */
    public LoginRedirect start() {
        char[] state = new char[STATE_LENGTH];
        for (int i = 0; i < state.length; i++) {
            state[i] = STATE_ALPHABET[random.nextInt(STATE_ALPHABET.length)];
        }
        String s = new String(state);
        issued.put(s, clock.instant());
        String query = "state=" + s + "&appid=" + encode(appId)
                + "&scope=" + encode("{\"user\": true, \"email\": true}")
                + "&redirecturl=" + encode(redirectUrl.toString()) + "&publickey=" + encode(appCurvePublicKey);
        return new LoginRedirect(URI.create(service.toString().replaceAll("/+$", "") + "/?" + query), s);
    }

    /**
     * Checks a callback and returns the user it logs in.
     *
     * @param signedAttempt the callback's {@code signedAttempt} query parameter, as sent
     * @param sessionState  the state kept in this browser's session by {@link #start()}
     * @throws LoginRefusedException for every failed check; nobody is logged in then
     */
    public ConnectUser finish(String signedAttempt, String sessionState) {
        JsonNode outer = parse(signedAttempt, "the callback has no signedAttempt");
        String doubleName = text(outer, "doubleName").toLowerCase(Locale.ROOT);
        if (!DOUBLE_NAME.matcher(doubleName).matches()) {
            throw new LoginRefusedException(Why.MISSING_FIELD, "the callback names no valid user");
        }
        byte[] signed = base64(text(outer, "signedAttempt"), Why.MISSING_FIELD, "signedAttempt is not base64");
        byte[] userKey = userKey(doubleName);
        if (signed.length < 64 || !NaCl.verifySignature(userKey, Arrays.copyOf(signed, 64),
                Arrays.copyOfRange(signed, 64, signed.length))) {
            throw new LoginRefusedException(Why.BAD_SIGNATURE, "the login attempt is not signed by " + doubleName);
        }
        JsonNode inner = parse(new String(signed, 64, signed.length - 64, StandardCharsets.UTF_8),
                "the signed attempt is no JSON");
        if (!text(inner, "doubleName").toLowerCase(Locale.ROOT).equals(doubleName)) {
            throw new LoginRefusedException(Why.BAD_SIGNATURE, "the signed attempt names another user");
        }
        checkState(text(inner, "signedState"), sessionState);
        JsonNode data = inner.path("data");
        byte[] nonce = base64(text(data, "nonce"), Why.UNDECRYPTABLE, "the nonce is not base64");
        byte[] ciphertext = base64(text(data, "ciphertext"), Why.UNDECRYPTABLE, "the ciphertext is not base64");
        byte[] plain;
        try {
            plain = NaCl.openBox(appCurvePrivateKey, NaCl.curvePublicKey(userKey), nonce, ciphertext);
        } catch (IllegalArgumentException e) {
            throw new LoginRefusedException(Why.UNDECRYPTABLE, "the user's data does not open with this app's key");
        }
        JsonNode user = parse(new String(plain, StandardCharsets.UTF_8), "the user's data is no JSON");
        String email = text(user.path("email"), "email");
        Optional<String> sei = Optional.of(user.path("email").path("sei").asText("")).filter(v -> !v.isEmpty());
        return new ConnectUser(doubleName, email, sei);
    }

    /** The state must be this session's, issued here, not used before and not too old; it is used up now. */
    private void checkState(String signedState, String sessionState) {
        if (sessionState == null || !sessionState.equals(signedState)) {
            throw new LoginRefusedException(Why.STATE_MISMATCH, "the login was not started in this session");
        }
        Instant issuedAt = issued.asMap().remove(signedState);
        if (issuedAt == null) {
            throw new LoginRefusedException(Why.REPLAYED, "this login was used already");
        }
        if (clock.instant().isAfter(issuedAt.plus(stateLifetime))) {
            throw new LoginRefusedException(Why.EXPIRED, "the login took too long; start it again");
        }
    }

    private byte[] userKey(String doubleName) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.toString().replaceAll("/+$", "")
                + "/api/users/" + encode(doubleName))).timeout(requestTimeout).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                throw new LoginRefusedException(Why.UNKNOWN_USER, "the login service does not know " + doubleName);
            }
            if (response.statusCode() != 200) {
                throw new LoginRefusedException(Why.SERVICE_UNAVAILABLE, "the login service answered "
                        + response.statusCode());
            }
            JsonNode body = parse(response.body(), "the login service's answer is no JSON");
            byte[] key = base64(text(body, "publicKey"), Why.UNKNOWN_USER, "the user's key is not base64");
            if (key.length != 32) {
                throw new LoginRefusedException(Why.UNKNOWN_USER, "the user's key is no ed25519 key");
            }
            return key;
        } catch (IOException e) {
            throw new LoginRefusedException(Why.SERVICE_UNAVAILABLE, "the login service did not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginRefusedException(Why.SERVICE_UNAVAILABLE, "interrupted while asking the login service");
        }
    }

    private static JsonNode parse(String text, String problem) {
        if (text == null || text.isBlank()) {
            throw new LoginRefusedException(Why.MISSING_FIELD, problem);
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new LoginRefusedException(Why.MISSING_FIELD, problem);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new LoginRefusedException(Why.MISSING_FIELD, "the login attempt has no " + field);
        }
        return value.asText();
    }

    private static byte[] base64(String text, Why why, String problem) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new LoginRefusedException(why, problem);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Settings of a {@link ConnectLogin}. */
    public static final class Builder {
        private final URI service;
        private final String appId;
        private final URI redirectUrl;
        private final IdentityKeys appKeys;
        private Duration stateLifetime = Duration.ofMinutes(10);
        private Duration requestTimeout = Duration.ofSeconds(5);
        private Clock clock = Clock.systemUTC();

        private Builder(URI service, String appId, URI redirectUrl, IdentityKeys appKeys) {
            this.service = Objects.requireNonNull(service, "service");
            this.appId = Objects.requireNonNull(appId, "appId");
            this.redirectUrl = Objects.requireNonNull(redirectUrl, "redirectUrl");
            this.appKeys = Objects.requireNonNull(appKeys, "appKeys");
        }

        /** How long a login may take from {@link #start()} to the callback; 10 minutes unless set. */
        public Builder stateLifetime(Duration value) {
            this.stateLifetime = Durations.requirePositive(value, "stateLifetime");
            return this;
        }

        /** How long the login service may take to answer for a user's key; 5 s unless set. */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = Durations.requirePositive(value, "requestTimeout");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public ConnectLogin build() {
            return new ConnectLogin(this);
        }
    }
}
