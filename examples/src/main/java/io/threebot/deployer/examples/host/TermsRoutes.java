package io.threebot.deployer.examples.host;

import com.sun.net.httpserver.HttpExchange;
import io.threebot.deployer.ThreebotDeployer;
import java.io.IOException;
import java.util.Map;

/**
 * The terms a user accepts before the first deploy:
 * <pre>
 * GET  /terms           {"accepted": true|false}
 * POST /terms/accept    {"accepted": true}
 * </pre>
 */
final class TermsRoutes extends JsonRoutes {
    private final ThreebotDeployer deployer;

    TermsRoutes(ThreebotDeployer deployer, WebLogin web) {
        super(web);
        this.deployer = deployer;
    }

    @Override
    void route(HttpExchange exchange, String principal, String[] parts) throws IOException {
        String owner = ThreebotDeployer.owner(principal);
        String method = exchange.getRequestMethod();
        if (parts.length == 1 && parts[0].isEmpty() && method.equals("GET")) {
            JsonExchange.send(exchange, 200, Map.of("accepted", deployer.terms().allowed(owner)));
        } else if (parts.length == 1 && parts[0].equals("accept") && method.equals("POST")) {
            deployer.terms().accept(owner);
            JsonExchange.send(exchange, 200, Map.of("accepted", true));
        } else {
            JsonExchange.send(exchange, 404, Map.of("error", "no such terms route"));
        }
    }
}
