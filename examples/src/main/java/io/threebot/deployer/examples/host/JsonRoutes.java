package io.threebot.deployer.examples.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;

/** A handler of JSON routes for the logged-in user: every failure becomes a status and {@code {"error": ..}}. */
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
                route(exchange, HostApp.principal(exchange), rest.split("/"));
            } catch (RuntimeException e) {
                JsonExchange.fail(exchange, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                JsonExchange.send(exchange, 503, Map.of("error", "the host is stopping"));
            }
        }
    }
}
