package io.threebot.deployer.examples.host;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A small HTML page for what a browser navigates to and cannot be shown as JSON (a refused login, say): a title,
 * what happened, and the ways on, styled by the page's own style sheet under the same Content-Security-Policy.
 */
final class ErrorPage {
    private ErrorPage() {
    }

    /** Answers {@code status} with a page saying {@code title} and {@code text} (plain text, escaped). */
    static void send(HttpExchange exchange, int status, String title, String text) throws IOException {
        String html = """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <meta name="color-scheme" content="light dark">
                  <title>%1$s - 3Bot Deployer</title>
                  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
                  <link rel="stylesheet" href="/style.css">
                </head>
                <body>
                  <header><p class="brand">3Bot Deployer</p></header>
                  <main>
                    <section aria-labelledby="problem-title">
                      <h1 id="problem-title">%1$s</h1>
                      <p id="problem">%2$s</p>
                      <div class="actions">
                        <a class="button" id="try-again" href="/auth/login">Log in again</a>
                        <a class="button secondary" href="/">Back to the start page</a>
                      </div>
                    </section>
                  </main>
                </body>
                </html>
                """.formatted(escape(title), escape(text));
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Content-Security-Policy", PageRoutes.POLICY);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The text with HTML's special characters escaped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
