package io.threebot.deployer.examples.host;

import com.sun.net.httpserver.HttpExchange;
import io.threebot.deployer.ThreebotDeployer;
import java.io.IOException;
import java.util.Map;

/**
 * The terms a user accepts before the first deploy:
 * <pre>
 * GET  /terms           {"accepted": true|false, "text": the terms in Markdown, from the host's configuration}
 * POST /terms/accept    {"accepted": true}
 * </pre>
 */
final class TermsRoutes extends JsonRoutes {
    private final ThreebotDeployer deployer;
    private final String text;

    TermsRoutes(ThreebotDeployer deployer, WebLogin web, String text) {
        super(web);
        this.deployer = deployer;
        this.text = text;
    }

    @Override
    void route(HttpExchange exchange, String principal, String[] parts) throws IOException {
        String owner = ThreebotDeployer.owner(principal);
        String method = exchange.getRequestMethod();
        if (parts.length == 1 && parts[0].isEmpty() && method.equals("GET")) {
            JsonExchange.send(exchange, 200, Map.of("accepted", deployer.terms().allowed(owner), "text", text));
        } else if (parts.length == 1 && parts[0].equals("accept") && method.equals("POST")) {
            deployer.terms().accept(owner);
            JsonExchange.send(exchange, 200, Map.of("accepted", true));
        } else {
            JsonExchange.send(exchange, 404, Map.of("error", "no such terms route"));
        }
    }
}
