package io.threebot.deployer.examples.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;

/**
 * A handler of JSON routes for the logged-in user: every failure becomes a status and {@code {"error": ..}}.
 *
 * <p>The user is {@link HostApp#principal}, which in this example is the {@code X-User} header: a stand-in for
 * the login a real host must supply, taking the user from its own authenticated session and never from a
 * request header.
 *
 * <p>A POST is JSON or nothing: one sent with a {@code Content-Type} other than {@code application/json}, or
 * with a body and no content type, is answered 415 {@code {"error": "send JSON with Content-Type:
 * application/json"}} before any route sees it or its body is read. A POST with neither body nor content type
 * (starting a chat, going back) is served.
 */
abstract class JsonRoutes implements HttpHandler {

    /** Answers one request of {@code principal}; {@code path} is split after the context. */
    abstract void route(HttpExchange exchange, String principal, String[] path) throws IOException,
            InterruptedException;

    @Override
    public final void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                String context = exchange.getHttpContext().getPath();
                String rest = exchange.getRequestURI().getPath().substring(context.length()).replaceAll("^/", "");
                String principal = HostApp.principal(exchange);
                if (exchange.getRequestMethod().equals("POST") && !JsonExchange.isJsonOrEmpty(exchange)) {
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
