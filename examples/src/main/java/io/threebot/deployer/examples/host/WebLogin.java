package io.threebot.deployer.examples.host;

import com.sun.net.httpserver.HttpExchange;
import io.threebot.deployer.login.ConnectLogin;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Who is behind a request: the ThreeFold Connect login and the browser sessions it makes. The session cookie is
 * {@code HttpOnly} and {@code SameSite=Strict} ({@code Secure} when the host is served over TLS), and every
 * state-changing request must carry the session's CSRF token in the {@value #CSRF_HEADER} header. The user is
 * always the session's, never anything the request says.
 */
final class WebLogin {
    static final String COOKIE = "tbd_session";
    static final String CSRF_HEADER = "X-CSRF-Token";

    private final ConnectLogin login;
    private final WebSessions sessions;
    private final boolean secureCookies;

    WebLogin(ConnectLogin login, WebSessions sessions, boolean secureCookies) {
        this.login = login;
        this.sessions = sessions;
        this.secureCookies = secureCookies;
    }

    ConnectLogin connect() {
        return login;
    }

    WebSessions sessions() {
        return sessions;
    }

    /** The request's session cookie value, if it sent one. */
    static Optional<String> cookie(HttpExchange exchange) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String part : header.split(";")) {
                String[] kv = part.trim().split("=", 2);
                if (kv.length == 2 && kv[0].equals(COOKIE)) {
                    return Optional.of(kv[1]);
                }
            }
        }
        return Optional.empty();
    }

    /** Sets the session cookie. */
    void setCookie(HttpExchange exchange, String value) {
        exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict"
                + (secureCookies ? "; Secure" : "") + "; Max-Age=" + WebSessions.LIFETIME.toSeconds());
    }

    void clearCookie(HttpExchange exchange) {
        exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=; Path=/; HttpOnly; SameSite=Strict"
                + (secureCookies ? "; Secure" : "") + "; Max-Age=0");
    }

    /** The logged-in session of the request; empty when there is none. */
    Optional<WebSessions.Session> session(HttpExchange exchange) {
        return cookie(exchange).flatMap(sessions::find).filter(s -> s.principal().isPresent());
    }

    /** True when the request carries its session's CSRF token (compared in constant time). */
    static boolean csrfMatches(HttpExchange exchange, WebSessions.Session session) {
        String sent = exchange.getRequestHeaders().getFirst(CSRF_HEADER);
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                session.csrf().getBytes(StandardCharsets.UTF_8));
    }
}
