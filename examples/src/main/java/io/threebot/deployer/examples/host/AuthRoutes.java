package io.threebot.deployer.examples.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.threebot.deployer.login.ConnectUser;
import io.threebot.deployer.login.LoginRedirect;
import io.threebot.deployer.login.LoginRefusedException;
import io.threebot.deployer.spi.StoreUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging in and out with ThreeFold Connect:
 * <pre>
 * GET  /auth/login       a new session and a redirect to the login service
 * GET  /auth/callback    the login service's answer: the user logged in under a new session cookie, back to /
 * GET  /auth/me          {"user": "alice.3bot", "csrf": token} for the page, or 401
 * POST /auth/logout      (CSRF token required) the session ended
 * </pre>
 * A refused login answers 403 with an HTML page saying why and logs nobody in; a session store that cannot be
 * reached answers 503 with {@code Retry-After}: a page for the login and its callback, which browsers navigate to,
 * JSON for the page's scripts ({@link JsonExchange#fail}).
 */
final class AuthRoutes implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AuthRoutes.class);
    private final WebLogin web;

    AuthRoutes(WebLogin web) {
        this.web = web;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            boolean navigation = method.equals("GET") && (path.equals("/auth/login") || path.equals("/auth/callback"));
            try {
                switch (method + " " + path) {
                    case "GET /auth/login" -> login(exchange);
                    case "GET /auth/callback" -> callback(exchange);
                    case "GET /auth/me" -> me(exchange);
                    case "POST /auth/logout" -> logout(exchange);
                    default -> JsonExchange.send(exchange, 404, Map.of("error", "no such route"));
                }
            } catch (RuntimeException e) {
                // the sessions' store cannot be reached, say: answered, never left without an answer; a browser
                // that navigated here gets a page, the page's scripts JSON
                if (navigation) {
                    failPage(exchange, e);
                } else {
                    JsonExchange.fail(exchange, e);
                }
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
            ErrorPage.send(exchange, e.reason().httpStatus(), "Login refused", refusal(e) + " (" + e.getMessage()
                    + ")");
        }
    }

    /** What a person is told of a refused login, by why it was refused. */
    static String refusal(LoginRefusedException e) {
        return switch (e.why()) {
            case EXPIRED, STATE_MISMATCH, REPLAYED -> "This login attempt is too old or was used already. Please "
                    + "log in again.";
            case SERVICE_UNAVAILABLE -> "ThreeFold Connect could not be reached. Please try again in a moment.";
            case UNKNOWN_USER -> "ThreeFold Connect does not know this user.";
            default -> "ThreeFold Connect's answer could not be verified, so nobody was logged in. Please log in "
                    + "again.";
        };
    }

    /** A failure while logging in, as a page: the text of a server error stays in the log, under a reference. */
    private static void failPage(HttpExchange exchange, RuntimeException e) throws IOException {
        String reference = JsonExchange.reference();
        if (StoreUnavailableException.findIn(e).isPresent()) {
            LOG.warn("{} answered 503: the store cannot be reached (reference {}): {}", exchange.getRequestURI(),
                    reference, e.toString());
            exchange.getResponseHeaders().set("Retry-After", "5");
            ErrorPage.send(exchange, 503, "Login unavailable", "The host cannot reach its database right now. "
                    + "Please try again in a few seconds (reference " + reference + ").");
            return;
        }
        LOG.error("{} failed (reference {})", exchange.getRequestURI(), reference, e);
        ErrorPage.send(exchange, 500, "Login failed", "Something went wrong on our side while logging you in. "
                + "Please try again; if it keeps failing, contact support with the reference " + reference + ".");
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
