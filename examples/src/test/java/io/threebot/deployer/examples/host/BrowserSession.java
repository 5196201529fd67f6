package io.threebot.deployer.examples.host;

import com.fasterxml.jackson.databind.JsonNode;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.internal.store.Json;
import io.threebot.deployer.login.ConnectLogin;
import io.threebot.deployer.store.InMemoryStateStore;
import io.threebot.deployer.testkit.SimulatedConnectService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs users in to a host app through the simulated ThreeFold Connect service, as a browser does (following the
 * redirects by hand), and keeps each user's session cookie and CSRF token.
 */
public final class BrowserSession {
    /** A logged-in browser: its cookie header value and the session's CSRF token. */
    public record Login(String cookie, String csrf) {
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, Login> logins = new ConcurrentHashMap<>();
    private final URI host;
    private final boolean acceptTerms;

    BrowserSession(URI host) {
        this(host, false);
    }

    /** @param acceptTerms whether each user also accepts the terms after logging in, as the page asks first */
    public BrowserSession(URI host, boolean acceptTerms) {
        this.host = host;
        this.acceptTerms = acceptTerms;
    }

    /** A login for a host at {@code baseUrl}, through {@code service}. */
    static WebLogin webLogin(SimulatedConnectService service, String baseUrl) {
        return new WebLogin(ConnectLogin.builder(service.url(), "127.0.0.1", URI.create(baseUrl + "/auth/callback"),
                IdentityKeys.generate(new SecureRandom())).build(),
                new WebSessions(new InMemoryStateStore(), Clock.systemUTC()), false);
    }

    /** The user's login, logging in the first time ({@code zed} logs in as {@code zed.3bot}). */
    public Login as(String user) {
        return logins.computeIfAbsent(user.endsWith(".3bot") ? user : user + ".3bot", this::logIn);
    }

    private Login logIn(String user) {
        try {
            HttpResponse<Void> start = http.send(HttpRequest.newBuilder(host.resolve("/auth/login")).build(),
                    HttpResponse.BodyHandlers.discarding());
            String loginCookie = cookieOf(start);
            URI page = URI.create(start.headers().firstValue("Location").orElseThrow() + "&as=" + user);
            HttpResponse<Void> approved = http.send(HttpRequest.newBuilder(page).build(),
                    HttpResponse.BodyHandlers.discarding());
            URI callback = URI.create(approved.headers().firstValue("Location").orElseThrow());
            HttpResponse<Void> back = http.send(HttpRequest.newBuilder(callback).header("Cookie", loginCookie)
                    .build(), HttpResponse.BodyHandlers.discarding());
            if (back.statusCode() != 302) {
                throw new IllegalStateException("login refused: " + back.statusCode());
            }
            String cookie = cookieOf(back);
            HttpResponse<String> me = http.send(HttpRequest.newBuilder(host.resolve("/auth/me"))
                    .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = Json.mapper().readTree(me.body());
            Login login = new Login(cookie, body.get("csrf").asText());
            if (acceptTerms) {
                http.send(HttpRequest.newBuilder(host.resolve("/terms/accept")).header("Cookie", cookie)
                        .header(WebLogin.CSRF_HEADER, login.csrf()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            return login;
        } catch (Exception e) {
            throw new IllegalStateException("could not log in as " + user, e);
        }
    }

    static String cookieOf(HttpResponse<?> response) {
        String set = response.headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }
}
