package io.threebot.deployer.examples.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * A handler of JSON routes for the logged-in user: every failure becomes a status and {@code {"error": ..}}.
 *
 * <p>The user is the one logged in to the request's session ({@link WebLogin}), never anything the request says:
 * without a logged-in session the answer is 401, and a POST without the session's CSRF token is refused with 403
 * before any route sees it.
 *
 * <p>A POST is JSON or nothing: one sent with a {@code Content-Type} other than {@code application/json}, or
 * with a body and no content type, is answered 415 {@code {"error": "send JSON with Content-Type:
 * application/json"}} before any route sees it or its body is read. A POST with neither body nor content type
 * (starting a chat, going back) is served.
 */
abstract class JsonRoutes implements HttpHandler {
    private final WebLogin web;

    JsonRoutes(WebLogin web) {
        this.web = web;
    }

    /** Answers one request of {@code principal}; {@code path} is split after the context. */
    abstract void route(HttpExchange exchange, String principal, String[] path) throws IOException,
            InterruptedException;

    @Override
    public final void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                String context = exchange.getHttpContext().getPath();
                String rest = exchange.getRequestURI().getPath().substring(context.length()).replaceAll("^/", "");
                Optional<WebSessions.Session> session = web.session(exchange);
                if (session.isEmpty()) {
                    JsonExchange.send(exchange, 401, Map.of("error", "log in first", "login", "/auth/login"));
                    return;
                }
                boolean post = exchange.getRequestMethod().equals("POST");
                if (post && !WebLogin.csrfMatches(exchange, session.get())) {
                    JsonExchange.send(exchange, 403, Map.of("error", "the CSRF token is missing or wrong: send the "
                            + "session's token (GET /auth/me) in " + WebLogin.CSRF_HEADER));
                    return;
                }
                String principal = session.get().principal().orElseThrow();
                if (post && !JsonExchange.isJsonOrEmpty(exchange)) {
                    exchange.getResponseHeaders().set("Accept-Post", JsonExchange.JSON_TYPE);
                    JsonExchange.send(exchange, 415, Map.of("error", JsonExchange.SEND_JSON));
                    return;
                }
                route(exchange, principal, rest.split("/"));
            } catch (RuntimeException e) {
                JsonExchange.fail(exchange, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                JsonExchange.send(exchange, 503, Map.of("error", "the host is stopping"));
            }
        }
    }
}
