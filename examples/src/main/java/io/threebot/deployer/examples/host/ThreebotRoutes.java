package io.threebot.deployer.examples.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.threebot.deployer.OwnerDeployer;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.billing.BillingSettings;
import io.threebot.deployer.billing.Purchase;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.lifecycle.DamagedThreebot;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.LocationPolicy;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.spi.Progress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The owner's 3Bots over HTTP. Whatever buys days is paid by the user first: ask for a payment request, show it
 * (amount, address, memo, QR code), and pass its id once paid.
 * <pre>
 * GET  /threebots                       the owner's 3Bots with their live state, then those whose records cannot
 *                                       be read: {"uuid": id, "state": "DAMAGED", "damaged": true}, nothing else
 * POST /threebots/{uuid}/payments       {"operation": "start|restart|resize|move|extend", "days": 1..365,
 *                                        "size": "Gold" (resize only)}            -> 201 the payment request
 * POST /threebots/{uuid}/stop           {"password": ".."}
 * POST /threebots/{uuid}/start          {"password": "..", "payment": id}          payment optional: no days bought
 * POST /threebots/{uuid}/restart        {"password": "..", "payment": id}          likewise
 * POST /threebots/{uuid}/resize         {"password": "..", "size": "Gold", "payment": id}
 * POST /threebots/{uuid}/move           {"password": "..", "location": "continent:Europe", "payment": id}
 *                                       location: automatic, continent:NAME, farm:NAME or node:ID
 * POST /threebots/{uuid}/extend         {"password": "..", "payment": id}          payment required
 * POST /threebots/{uuid}/destroy        {"password": ".."}
 * POST /threebots/{uuid}/wireguard      {"password": ".."}  -> {"filename": "apps.conf", "data": ".."}: the
 *                                       WireGuard configuration of the 3Bot's private network (no-store)
 * POST /threebots/{uuid}/renew          {"password": "..", "days": 1..365}          auto-renew on: the user is asked
 *                                       to pay for that many days when the pool runs low
 * POST /threebots/{uuid}/renew-off      {}                                          auto-renew off
 * </pre>
 * Numbers are read strictly: {@code days} must be a JSON integer in range, or the answer is a 400 naming it.
 */
final class ThreebotRoutes extends JsonRoutes {
    private final ThreebotDeployer deployer;

    ThreebotRoutes(ThreebotDeployer deployer, WebLogin web) {
        super(web);
        this.deployer = deployer;
    }

    @Override
    void route(HttpExchange exchange, String principal, String[] parts) throws IOException {
        OwnerDeployer me = deployer.forOwner(principal);
        if (parts.length == 1 && parts[0].isEmpty() && exchange.getRequestMethod().equals("GET")) {
            JsonExchange.send(exchange, 200, listing(me));
            return;
        }
        if (parts.length != 2 || !exchange.getRequestMethod().equals("POST")) {
            JsonExchange.send(exchange, 404, Map.of("error", "no such 3Bot route"));
            return;
        }
        JsonNode body = JsonExchange.body(exchange);
        String uuid = parts[0];
        if (parts[1].equals("payments")) {
            JsonExchange.send(exchange, 201, PaymentRoutes.view(me.requestPayment(uuid, purchase(body))));
            return;
        }
        if (parts[1].equals("renew-off")) {
            JsonExchange.send(exchange, 200, Map.of("auto_renew", false, "was_on", me.stopAutoRenew(uuid)));
            return;
        }
        Secret password = Secret.of(JsonExchange.text(body, "password"));
        if (parts[1].equals("renew")) {
            int days = days(body);
            me.autoRenew(uuid, password, days);
            JsonExchange.send(exchange, 200, Map.of("auto_renew", true, "days", days));
            return;
        }
        if (parts[1].equals("wireguard")) {
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            JsonExchange.send(exchange, 200, Map.of("filename", "apps.conf", "data", me.wireGuardConfig(uuid,
                    password)));
            return;
        }
        Optional<String> payment = JsonExchange.optionalText(body, "payment");
        ThreebotView result = switch (parts[1]) {
            case "stop" -> me.stop(uuid, password);
            case "start" -> me.start(uuid, password, payment, Progress.silent());
            case "restart" -> me.restart(uuid, password, payment, Progress.silent());
            case "resize" -> me.changeSize(uuid, password, size(body), payment, Progress.silent());
            case "move" -> me.changeLocation(uuid, password, location(body), payment, Progress.silent());
            case "extend" -> me.extend(uuid, password, payment.orElseThrow(() -> new InvalidInputException("payment",
                    "\"payment\" is required: the id of a paid request")), Progress.silent());
            case "destroy" -> me.destroy(uuid, password);
            default -> throw new IllegalArgumentException("unknown operation '" + parts[1] + "'");
        };
        JsonExchange.send(exchange, 200, Map.of("uuid", result.uuid(), "name", result.name(),
                "state", result.state().name()));
    }

    /** The owner's 3Bots, and after them each damaged one as an entry with its id only. */
    private static List<Object> listing(OwnerDeployer me) {
        List<Object> entries = new ArrayList<>(me.threebots());
        for (DamagedThreebot damaged : me.damagedThreebots()) {
            entries.add(Map.of("uuid", damaged.uuid(), "state", "DAMAGED", "damaged", true));
        }
        return entries;
    }

    /** Where a move goes, read strictly from the body's "location". */
    private static LocationPolicy location(JsonNode body) {
        try {
            return LocationPolicy.parse(JsonExchange.text(body, "location"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("location", e.getMessage());
        }
    }

    /** The body's "days": a JSON integer from 1 to the most one purchase buys. */
    private int days(JsonNode body) {
        return JsonExchange.intField(body, "days", BillingSettings.MIN_DAYS_PER_PURCHASE,
                deployer.settings().billing().maxDaysPerPurchase());
    }

    /** The purchase a payment request is for, read strictly from the body. */
    private Purchase purchase(JsonNode body) {
        String operation = JsonExchange.text(body, "operation");
        int days = days(body);
        return switch (operation) {
            case "start" -> Purchase.start(days);
            case "restart" -> Purchase.restart(days);
            case "resize" -> Purchase.changeSize(size(body), days);
            case "move" -> Purchase.changeLocation(days);
            case "extend" -> Purchase.extend(days);
            default -> throw new IllegalArgumentException("\"operation\" must be one of start, restart, resize, move, "
                    + "extend");
        };
    }

    private static Flavor size(JsonNode body) {
        String size = JsonExchange.text(body, "size");
        return Arrays.stream(Flavor.values())
                .filter(f -> f.displayName().toLowerCase(Locale.ROOT).equals(size.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("\"size\" must be Silver, Gold or Platinum"));
    }
}
