package io.threebot.deployer.examples.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.lifecycle.ThreebotService;
import io.threebot.deployer.model.Threebot;
import java.io.IOException;
import java.util.Map;

/**
 * The owner's 3Bots over HTTP:
 * <pre>
 * GET  /threebots                     the owner's 3Bots with their live state
 * POST /threebots/{uuid}/stop         {"password": ".."}
 * POST /threebots/{uuid}/start        {"password": "..", "days": 0}
 * POST /threebots/{uuid}/destroy      {"password": ".."}
 * </pre>
 * Resizing, moving and extending are chats ({@code MaintenanceFlows}); a host offers them like the deploy chat.
 */
final class ThreebotRoutes extends JsonRoutes {
    private final ThreebotDeployer deployer;

    ThreebotRoutes(ThreebotDeployer deployer) {
        this.deployer = deployer;
    }

    @Override
    void route(HttpExchange exchange, String principal, String[] parts) throws IOException {
        String owner = ThreebotDeployer.owner(principal);
        ThreebotService bots = deployer.lifecycle();
        if (parts.length == 1 && parts[0].isEmpty() && exchange.getRequestMethod().equals("GET")) {
            JsonExchange.send(exchange, 200, bots.list(owner));
            return;
        }
        if (parts.length != 2 || !exchange.getRequestMethod().equals("POST")) {
            JsonExchange.send(exchange, 404, Map.of("error", "no such 3Bot route"));
            return;
        }
        JsonNode body = JsonExchange.body(exchange);
        String password = JsonExchange.text(body, "password");
        Threebot result = switch (parts[1]) {
            case "stop" -> bots.stop(owner, parts[0], password);
            case "start" -> bots.start(owner, parts[0], password, body.path("days").asInt(0),
                    ThreebotService.silent());
            case "destroy" -> bots.destroy(owner, parts[0], password);
            default -> throw new IllegalArgumentException("unknown operation '" + parts[1] + "'");
        };
        JsonExchange.send(exchange, 200, Map.of("uuid", result.uuid(), "name", result.name(),
                "state", result.state().name()));
    }
}
