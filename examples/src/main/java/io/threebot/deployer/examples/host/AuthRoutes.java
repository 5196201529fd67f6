package io.threebot.deployer.examples.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.threebot.deployer.login.ConnectUser;
import io.threebot.deployer.login.LoginRedirect;
import io.threebot.deployer.login.LoginRefusedException;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Logging in and out with ThreeFold Connect:
 * <pre>
 * GET  /auth/login       a new session and a redirect to the login service
 * GET  /auth/callback    the login service's answer: the user logged in under a new session cookie, back to /
 * GET  /auth/me          {"user": "alice.3bot", "csrf": token} for the page, or 401
 * POST /auth/logout      (CSRF token required) the session ended
 * </pre>
 * A refused login answers 403 with the reason and logs nobody in; a session store that cannot be reached answers
 * 503 with {@code Retry-After} ({@link JsonExchange#fail}).
 */
final class AuthRoutes implements HttpHandler {
    private final WebLogin web;

    AuthRoutes(WebLogin web) {
        this.web = web;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            try {
                switch (method + " " + path) {
                    case "GET /auth/login" -> login(exchange);
                    case "GET /auth/callback" -> callback(exchange);
                    case "GET /auth/me" -> me(exchange);
                    case "POST /auth/logout" -> logout(exchange);
                    default -> JsonExchange.send(exchange, 404, Map.of("error", "no such route"));
                }
            } catch (RuntimeException e) {
                // the sessions' store cannot be reached, say: answered, never left without an answer
                JsonExchange.fail(exchange, e);
            }
        }
    }

    private void login(HttpExchange exchange) throws IOException {
        LoginRedirect go = web.connect().start();
        WebSessions.Opened session = web.sessions().create(Optional.of(go.state()));
        web.setCookie(exchange, session.cookie());
        redirect(exchange, go.location());
    }

    private void callback(HttpExchange exchange) throws IOException {
        Optional<String> cookie = WebLogin.cookie(exchange);
        Optional<String> state = cookie.flatMap(web.sessions()::find).flatMap(WebSessions.Session::loginState);
        try {
            ConnectUser user = web.connect().finish(JsonExchange.query(exchange, "signedAttempt").orElse(null),
                    state.orElse(null));
            WebSessions.Opened session = web.sessions().loggedIn(cookie.orElse(null), user.doubleName());
            web.setCookie(exchange, session.cookie());
            redirect(exchange, URI.create("/"));
        } catch (LoginRefusedException e) {
            JsonExchange.send(exchange, e.reason().httpStatus(), Map.of("error", "login refused: " + e.getMessage(),
                    "why", e.why().name()));
        }
    }

    private void me(HttpExchange exchange) throws IOException {
        Optional<WebSessions.Session> session = web.session(exchange);
        if (session.isEmpty()) {
            JsonExchange.send(exchange, 401, Map.of("error", "not logged in", "login", "/auth/login"));
            return;
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        JsonExchange.send(exchange, 200, Map.of("user", session.get().principal().orElseThrow(), "csrf",
                session.get().csrf()));
    }

    private void logout(HttpExchange exchange) throws IOException {
        Optional<WebSessions.Session> session = web.session(exchange);
        if (session.isPresent() && !WebLogin.csrfMatches(exchange, session.get())) {
            JsonExchange.send(exchange, 403, Map.of("error", "the CSRF token is missing or wrong"));
            return;
        }
        WebLogin.cookie(exchange).ifPresent(web.sessions()::end);
        web.clearCookie(exchange);
        JsonExchange.send(exchange, 200, Map.of("logged_out", true));
    }

    private static void redirect(HttpExchange exchange, URI location) throws IOException {
        exchange.getResponseHeaders().set("Location", location.toString());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(302, -1);
    }
}
