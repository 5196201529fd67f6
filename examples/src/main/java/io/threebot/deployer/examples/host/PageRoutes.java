package io.threebot.deployer.examples.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The page users meet: {@code /} (the page), {@code /app.js}, {@code /style.css} and the icon ({@code /favicon.svg},
 * also as {@code /favicon.ico}, which browsers ask for by themselves), from the examples' resources,
 * under a Content-Security-Policy that lets nothing but them run or load (and the QR codes, which are data URLs).
 */
final class PageRoutes implements HttpHandler {
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
            "/style.css", new String[] {"style.css", "text/css; charset=utf-8"},
            "/favicon.svg", new String[] {"favicon.svg", "image/svg+xml"},
            "/favicon.ico", new String[] {"favicon.svg", "image/svg+xml"});
    static final String POLICY = "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] file = FILES.get(exchange.getRequestURI().getPath());
            if (file == null || !exchange.getRequestMethod().equals("GET")) {
                JsonExchange.send(exchange, 404, Map.of("error", "no such page"));
                return;
            }
            byte[] bytes;
            try (InputStream in = PageRoutes.class.getResourceAsStream("/io/threebot/deployer/examples/web/"
                    + file[0])) {
                bytes = in.readAllBytes();
            }
            exchange.getResponseHeaders().set("Content-Type", file[1]);
            exchange.getResponseHeaders().set("Content-Security-Policy", POLICY);
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
